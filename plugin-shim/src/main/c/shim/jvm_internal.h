/*
 * What jvm.c (boot) shares with jvm_calls.c (the calls into PluginBridge). Not for other files.
 */
#ifndef SDA_JVM_INTERNAL_H
#define SDA_JVM_INTERNAL_H

#include <jni.h>

#define BRIDGE_CLASS "org/sda/engine/bridge/PluginBridge"

struct sda_java {
    jobject bridge;                       /* global ref to this instance's PluginBridge */
};

extern JavaVM *vm;                        /* set once, never destroyed */
extern char sda_resources[];              /* <bundle>/Contents/Resources, found on the first boot */
extern jclass bridge_class;               /* global ref */
extern jmethodID m_attach, m_prepare, m_start, m_stop, m_save, m_restore, m_parameter, m_close, m_status;

/* The JNIEnv of the calling thread, attaching it (as a daemon, for good) if needed; NULL without a JVM. */
JNIEnv *env_for_this_thread(void);
/* A URLClassLoader over every jar in Resources/<folder>, child of `parent` (NULL: the system
 * loader); NULL when the folder has no jars or Java fails. A local reference. */
jobject sda_url_loader(JNIEnv *env, const char *folder, jobject parent);
/* Clears a pending Java exception, printing it; 1 if there was one. */
int java_failed(JNIEnv *env, const char *what);

#endif
