/*
 * The JNI calls into org.sda.engine.bridge.PluginBridge, one per shim need. Non-audio threads
 * only; each returns an error instead of letting a Java exception through.
 */
#include <jni.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvm.h"
#include "jvm_internal.h"

/* ---- Calls into PluginBridge ------------------------------------------------------------- */

struct sda_java *sda_java_attach(struct sda_shared *shared, char *err, size_t err_size)
{
    if (sda_jvm_ensure(err, err_size) != 0) {
        return NULL;
    }
    JNIEnv *env = env_for_this_thread();
    if (env == NULL) {
        snprintf(err, err_size, "cannot attach to the JVM");
        return NULL;
    }
    struct sda_java *j = calloc(1, sizeof *j);
    if (j == NULL) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    /* The configuration travels with the call, not in JVM-wide properties: a JVM someone else started
     * (a host that embeds Java, another plugin) gets the same as one the shim starts. */
    jstring bundle = (*env)->NewStringUTF(env, sda_resources);
    jobject local = bundle == NULL ? NULL
        : (*env)->CallStaticObjectMethod(env, bridge_class, m_attach, (jlong)(intptr_t)shared,
                                         (jlong)(intptr_t)&sda_render_wait,
                                         (jlong)(intptr_t)&sda_render_thread_promote, bundle);
    if (bundle != NULL) {
        (*env)->DeleteLocalRef(env, bundle);
    }
    if (java_failed(env, "PluginBridge.attach") || local == NULL) {
        snprintf(err, err_size, "the Java instrument could not be created (see the messages above)");
        free(j);
        return NULL;
    }
    j->bridge = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return j;
}

int sda_java_prepare(struct sda_java *j, double sample_rate, int32_t max_block, int32_t *instrument_latency)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL) {
        return -1;
    }
    jint latency = (*env)->CallIntMethod(env, j->bridge, m_prepare, (jdouble)sample_rate, (jint)max_block);
    if (java_failed(env, "Instrument.prepare")) {
        return -1;
    }
    if (instrument_latency != NULL) {
        *instrument_latency = latency < 0 ? 0 : latency;
    }
    return 0;
}

int sda_java_start(struct sda_java *j)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL) {
        return -1;
    }
    (*env)->CallVoidMethod(env, j->bridge, m_start);
    return java_failed(env, "PluginBridge.start") ? -1 : 0;
}

void sda_java_stop(struct sda_java *j)
{
    JNIEnv *env = env_for_this_thread();
    if (j != NULL && env != NULL) {
        (*env)->CallVoidMethod(env, j->bridge, m_stop);
        java_failed(env, "PluginBridge.stop");
    }
}

int sda_java_save_state(struct sda_java *j, uint8_t **out, size_t *len)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL || out == NULL || len == NULL) {
        return -1;
    }
    jbyteArray bytes = (jbyteArray)(*env)->CallObjectMethod(env, j->bridge, m_save);
    if (java_failed(env, "Instrument.saveState") || bytes == NULL) {
        return -1;
    }
    jsize n = (*env)->GetArrayLength(env, bytes);
    *out = malloc(n > 0 ? (size_t)n : 1);
    if (*out == NULL) {
        (*env)->DeleteLocalRef(env, bytes);
        return -1;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)*out);
    (*env)->DeleteLocalRef(env, bytes);
    *len = (size_t)n;
    return 0;
}

int sda_java_restore_state(struct sda_java *j, const uint8_t *data, size_t len, char *msg, size_t msg_size)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL || (data == NULL && len > 0) || len > INT32_MAX) {
        return -1;
    }
    jbyteArray bytes = (*env)->NewByteArray(env, (jsize)len);
    if (bytes == NULL) {
        java_failed(env, "NewByteArray");
        return -1;
    }
    (*env)->SetByteArrayRegion(env, bytes, 0, (jsize)len, (const jbyte *)data);
    jstring message = (jstring)(*env)->CallObjectMethod(env, j->bridge, m_restore, bytes);
    (*env)->DeleteLocalRef(env, bytes);
    if (java_failed(env, "Instrument.restoreState")) {
        return -1;
    }
    if (message == NULL) {
        return 1;
    }
    const char *utf = (*env)->GetStringUTFChars(env, message, NULL);
    if (msg != NULL && msg_size > 0) {
        snprintf(msg, msg_size, "%s", utf != NULL ? utf : "state partly restored");
    }
    if (utf != NULL) {
        (*env)->ReleaseStringUTFChars(env, message, utf);
    }
    (*env)->DeleteLocalRef(env, message);
    return 0;
}

double sda_java_parameter(struct sda_java *j, int32_t id, double fallback)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL || env == NULL) {
        return fallback;
    }
    jdouble v = (*env)->CallDoubleMethod(env, j->bridge, m_parameter, (jint)id);
    if (java_failed(env, "Instrument.parameter") || !(v >= 0.0 && v <= 1.0)) {
        return fallback;
    }
    return v;
}

void sda_java_status(struct sda_java *j, char *buf, size_t size)
{
    JNIEnv *env = env_for_this_thread();
    if (buf == NULL || size == 0) {
        return;
    }
    snprintf(buf, size, "(no status)");
    if (j == NULL || env == NULL) {
        return;
    }
    jstring status = (jstring)(*env)->CallObjectMethod(env, j->bridge, m_status);
    if (java_failed(env, "Instrument.status") || status == NULL) {
        return;
    }
    const char *utf = (*env)->GetStringUTFChars(env, status, NULL);
    if (utf != NULL) {
        snprintf(buf, size, "%s", utf);
        (*env)->ReleaseStringUTFChars(env, status, utf);
    }
    (*env)->DeleteLocalRef(env, status);
}

void sda_java_close(struct sda_java *j)
{
    JNIEnv *env = env_for_this_thread();
    if (j == NULL) {
        return;
    }
    if (env != NULL) {
        (*env)->CallVoidMethod(env, j->bridge, m_close);
        java_failed(env, "PluginBridge.close");
        (*env)->DeleteGlobalRef(env, j->bridge);
    }
    free(j);
}
