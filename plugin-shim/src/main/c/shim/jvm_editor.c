/*
 * The JNI calls into org.sda.ui.editor.plugin.EmbeddedEditor, the editor panel of one view. The
 * class comes from the bundle's Resources/editor jars (Swing, FlatLaf, the model library), through
 * a URLClassLoader whose parent is the loader that holds PluginBridge, made on the first editor a
 * host opens: those jars are on no class path before, and an instance whose editor is never
 * opened never loads them. Host's UI thread only; each call returns an error instead of letting a Java
 * exception through.
 */
#include <jni.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvm.h"
#include "jvm_internal.h"

#define EDITOR_CLASS "org/sda/ui/editor/plugin/EmbeddedEditor"
#define EDITS_PER_CALL 64
#define LOG_EDITOR(...) do { fprintf(stderr, "[SmallDataSetAudio] " __VA_ARGS__); fputc('\n', stderr); } while (0)

struct sda_java_editor {
    jobject editor;                       /* global ref to the EmbeddedEditor */
    jdoubleArray edits;                   /* global ref: kind, id, value triples, reused by every take */
    _Alignas(8) _Atomic int32_t queued;   /* Java sets 1 after queueing an edit (HostEdits); we clear it */
};
static_assert(sizeof(_Atomic int32_t) == 4, "HostEdits writes a 4-byte int");

static pthread_mutex_t bind_lock = PTHREAD_MUTEX_INITIALIZER;
static jclass editor_class;
static jmethodID e_unavailable, e_open, e_size, e_attach, e_resize, e_host_changed, e_take, e_detach, e_close;

/* ---- Safe helpers ------------------------------------------------------------------------ */

/* The embedded frame's package (sun.awt.X11) exported to our loaders. The shim's own JVM starts
 * with --add-exports for it; a JVM the host started did not, and JNI, which is not held to module
 * boundaries, asks java.desktop to export it (as the option would). Without it attach fails with
 * a message and the host keeps its own editor. */
static void export_embedded_frame_package(JNIEnv *env)
{
    jclass frame = (*env)->FindClass(env, "java/awt/Frame");
    jclass class_class = (*env)->FindClass(env, "java/lang/Class");
    jclass module_class = (*env)->FindClass(env, "java/lang/Module");
    jmethodID get_module = class_class == NULL ? NULL
        : (*env)->GetMethodID(env, class_class, "getModule", "()Ljava/lang/Module;");
    jmethodID add = module_class == NULL ? NULL
        : (*env)->GetMethodID(env, module_class, "implAddExportsToAllUnnamed", "(Ljava/lang/String;)V");
    jobject desktop = (frame == NULL || get_module == NULL) ? NULL : (*env)->CallObjectMethod(env, frame, get_module);
    jstring package = (*env)->NewStringUTF(env, "sun.awt.X11");
    if (desktop != NULL && add != NULL && package != NULL) {
        (*env)->CallVoidMethod(env, desktop, add, package);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);      /* a JDK without it: the option, or a message at attach */
    }
}

/* The editor class, through a loader over Resources/editor below PluginBridge's loader. */
static int bind_editor_class(JNIEnv *env, char *err, size_t err_size)
{
    int rc = 0;
    pthread_mutex_lock(&bind_lock);
    if (editor_class != NULL) {
        goto out;
    }
    export_embedded_frame_package(env);
    jclass class_class = (*env)->FindClass(env, "java/lang/Class");
    jmethodID get_loader = class_class == NULL ? NULL
        : (*env)->GetMethodID(env, class_class, "getClassLoader", "()Ljava/lang/ClassLoader;");
    jmethodID for_name = class_class == NULL ? NULL
        : (*env)->GetStaticMethodID(env, class_class, "forName",
                                    "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;");
    jobject bridge_loader = get_loader == NULL ? NULL : (*env)->CallObjectMethod(env, bridge_class, get_loader);
    jobject loader = java_failed(env, "the bridge's class loader") ? NULL
        : sda_url_loader(env, "editor", bridge_loader);
    if (loader == NULL) {
        snprintf(err, err_size, "no editor jars in %s/editor", sda_resources);
        rc = -1;
        goto out;
    }
    jstring name = (*env)->NewStringUTF(env, "org.sda.ui.editor.plugin.EmbeddedEditor");
    jclass local = (for_name == NULL || name == NULL) ? NULL
        : (jclass)(*env)->CallStaticObjectMethod(env, class_class, for_name, name, JNI_TRUE, loader);
    if (java_failed(env, "loading the editor") || local == NULL) {
        snprintf(err, err_size, "the editor's classes are not in %s/editor", sda_resources);
        rc = -1;
        goto out;
    }
    e_unavailable = (*env)->GetStaticMethodID(env, local, "unavailable", "()Ljava/lang/String;");
    e_open = (*env)->GetStaticMethodID(env, local, "open",
                                       "(L" BRIDGE_CLASS ";Ljava/lang/String;FLjava/nio/ByteBuffer;)L" EDITOR_CLASS ";");
    e_size = (*env)->GetMethodID(env, local, "size", "()[I");
    e_attach = (*env)->GetMethodID(env, local, "attach", "(JII)Ljava/lang/String;");
    e_resize = (*env)->GetMethodID(env, local, "resize", "(II)V");
    e_host_changed = (*env)->GetMethodID(env, local, "hostChanged", "(ID)V");
    e_take = (*env)->GetMethodID(env, local, "takeEdits", "([D)I");
    e_detach = (*env)->GetMethodID(env, local, "detach", "()V");
    e_close = (*env)->GetMethodID(env, local, "close", "()V");
    if (java_failed(env, "binding EmbeddedEditor") || !e_unavailable || !e_open || !e_size || !e_attach || !e_resize
        || !e_host_changed || !e_take || !e_detach || !e_close) {
        snprintf(err, err_size, "%s lacks a method the shim calls (version mismatch?)", EDITOR_CLASS);
        rc = -1;
        goto out;
    }
    editor_class = (*env)->NewGlobalRef(env, local);
out:
    pthread_mutex_unlock(&bind_lock);
    return rc;
}

/* ---- Calls into EmbeddedEditor ----------------------------------------------------------- */

int sda_java_editor_available(char *err, size_t err_size)
{
    JNIEnv *env = env_for_this_thread();
    if (env == NULL) {
        snprintf(err, err_size, "no JVM");
        return -1;
    }
    if ((*env)->PushLocalFrame(env, 32) != 0) {
        java_failed(env, "PushLocalFrame");
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int rc = bind_editor_class(env, err, err_size);
    if (rc == 0) {
        jstring why = (jstring)(*env)->CallStaticObjectMethod(env, editor_class, e_unavailable);
        if (java_failed(env, "EmbeddedEditor.unavailable")) {
            snprintf(err, err_size, "the editor failed (see the messages above)");
            rc = -1;
        } else if (why != NULL) {
            const char *utf = (*env)->GetStringUTFChars(env, why, NULL);
            snprintf(err, err_size, "%s", utf != NULL ? utf : "?");
            if (utf != NULL) {
                (*env)->ReleaseStringUTFChars(env, why, utf);
            }
            rc = -1;
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

struct sda_java_editor *sda_java_editor_open(struct sda_java *j, float scale, char *err, size_t err_size)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL) {
        snprintf(err, err_size, "no Java instrument");
        return NULL;
    }
    /* Host threads stay attached and never return to Java: their local references are freed here. */
    if ((*env)->PushLocalFrame(env, 32) != 0) {
        java_failed(env, "PushLocalFrame");
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    struct sda_java_editor *e = NULL;
    if (bind_editor_class(env, err, err_size) != 0) {
        goto out;
    }
    e = calloc(1, sizeof *e);
    if (e == NULL) {
        snprintf(err, err_size, "out of memory");
        goto out;
    }
    jstring resources = (*env)->NewStringUTF(env, sda_resources);
    jobject flag = (*env)->NewDirectByteBuffer(env, (void *)&e->queued, sizeof e->queued);
    jobject local = (resources == NULL || flag == NULL) ? NULL
        : (*env)->CallStaticObjectMethod(env, editor_class, e_open, j->bridge, resources, (jfloat)scale, flag);
    jdoubleArray edits = local == NULL ? NULL : (*env)->NewDoubleArray(env, 3 * EDITS_PER_CALL);
    if (java_failed(env, "EmbeddedEditor.open") || local == NULL || edits == NULL) {
        snprintf(err, err_size, "the editor could not be built (see the messages above)");
        free(e);
        e = NULL;
        goto out;
    }
    e->editor = (*env)->NewGlobalRef(env, local);
    e->edits = (*env)->NewGlobalRef(env, edits);
out:
    (*env)->PopLocalFrame(env, NULL);
    return e;
}

int sda_java_editor_size(struct sda_java_editor *e, struct sda_editor_size *out)
{
    JNIEnv *env = env_for_this_thread();
    if (e == NULL || env == NULL || out == NULL) {
        return -1;
    }
    jintArray size = (jintArray)(*env)->CallObjectMethod(env, e->editor, e_size);
    if (java_failed(env, "EmbeddedEditor.size") || size == NULL || (*env)->GetArrayLength(env, size) < 4) {
        return -1;
    }
    jint v[4];
    (*env)->GetIntArrayRegion(env, size, 0, 4, v);
    (*env)->DeleteLocalRef(env, size);
    *out = (struct sda_editor_size){ v[0], v[1], v[2], v[3] };
    return 0;
}

int sda_java_editor_attach(struct sda_java_editor *e, unsigned long window, int32_t width, int32_t height)
{
    JNIEnv *env = env_for_this_thread();
    if (e == NULL || env == NULL) {
        return -1;
    }
    jstring problem = (jstring)(*env)->CallObjectMethod(env, e->editor, e_attach, (jlong)window, (jint)width,
                                                        (jint)height);
    if (java_failed(env, "EmbeddedEditor.attach")) {
        return -1;
    }
    if (problem != NULL) {
        const char *utf = (*env)->GetStringUTFChars(env, problem, NULL);
        LOG_EDITOR("the editor cannot be shown: %s", utf != NULL ? utf : "?");
        if (utf != NULL) {
            (*env)->ReleaseStringUTFChars(env, problem, utf);
        }
        (*env)->DeleteLocalRef(env, problem);
        return -1;
    }
    return 0;
}

void sda_java_editor_resize(struct sda_java_editor *e, int32_t width, int32_t height)
{
    JNIEnv *env = env_for_this_thread();
    if (e != NULL && env != NULL) {
        (*env)->CallVoidMethod(env, e->editor, e_resize, (jint)width, (jint)height);
        java_failed(env, "EmbeddedEditor.resize");
    }
}

void sda_java_editor_host_changed(struct sda_java_editor *e, uint32_t id, double normalized)
{
    JNIEnv *env = env_for_this_thread();
    if (e != NULL && env != NULL) {
        (*env)->CallVoidMethod(env, e->editor, e_host_changed, (jint)id, (jdouble)normalized);
        java_failed(env, "EmbeddedEditor.hostChanged");
    }
}

int sda_java_editor_take_edits(struct sda_java_editor *e, struct sda_edit *out, int max)
{
    JNIEnv *env = env_for_this_thread();
    if (e == NULL || env == NULL || out == NULL || max <= 0) {
        return 0;
    }
    if (atomic_exchange(&e->queued, 0) == 0) {
        return 0;                         /* nothing queued: no call into Java */
    }
    int taken = 0;
    jdouble buf[3 * EDITS_PER_CALL];
    while (max - taken >= EDITS_PER_CALL) {        /* a whole batch always fits: nothing is lost */
        jint n = (*env)->CallIntMethod(env, e->editor, e_take, e->edits);
        if (java_failed(env, "EmbeddedEditor.takeEdits") || n <= 0) {
            break;
        }
        if (n > EDITS_PER_CALL) {
            n = EDITS_PER_CALL;
        }
        (*env)->GetDoubleArrayRegion(env, e->edits, 0, 3 * n, buf);
        for (jint i = 0; i < n; i++) {
            out[taken++] = (struct sda_edit){ (int32_t)buf[3 * i], (uint32_t)buf[3 * i + 1], buf[3 * i + 2] };
        }
        if (n < EDITS_PER_CALL) {
            return taken;
        }
    }
    atomic_store(&e->queued, 1);          /* out is full: the rest next time */
    return taken;
}

void sda_java_editor_detach(struct sda_java_editor *e)
{
    JNIEnv *env = env_for_this_thread();
    if (e != NULL && env != NULL) {
        (*env)->CallVoidMethod(env, e->editor, e_detach);
        java_failed(env, "EmbeddedEditor.detach");
    }
}

void sda_java_editor_close(struct sda_java_editor *e)
{
    JNIEnv *env = env_for_this_thread();
    if (e == NULL) {
        return;
    }
    if (env != NULL) {
        (*env)->CallVoidMethod(env, e->editor, e_close);
        java_failed(env, "EmbeddedEditor.close");
        (*env)->DeleteGlobalRef(env, e->editor);
        (*env)->DeleteGlobalRef(env, e->edits);
    }
    free(e);
}
