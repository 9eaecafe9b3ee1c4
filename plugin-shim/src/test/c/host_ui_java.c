/*
 * What the editor tests see of the panel, through the JVM the plugin started in this process
 * (JNI_GetCreatedJavaVMs): where a knob is and what it holds, how many editor frames show. The
 * knob is turned with java.awt.Robot, which sends real X input (XTest) to the X server, so the
 * gesture travels the whole way a person's would: X server, AWT, the knob, the edit queue, the
 * plugin's run-loop timer, IComponentHandler.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "host_ui.h"

#define BUTTON1_DOWN_MASK 1024             /* java.awt.event.InputEvent.BUTTON1_DOWN_MASK */

/* ---- Finding the JVM ------------------------------------------------------------------------ */

static JNIEnv *java_env(void)
{
    static JavaVM *vm;
    if (vm == NULL) {
        FILE *f = fopen("/proc/self/maps", "r");
        char line[PATH_MAX + 128], path[PATH_MAX] = "";
        while (f != NULL && fgets(line, sizeof line, f) != NULL) {
            char *start = strchr(line, '/');
            if (strstr(line, "/libjvm.so") != NULL && start != NULL) {
                snprintf(path, sizeof path, "%s", start);
                path[strcspn(path, "\n")] = '\0';
                break;
            }
        }
        if (f != NULL) {
            fclose(f);
        }
        void *h = path[0] != '\0' ? dlopen(path, RTLD_NOW | RTLD_NOLOAD) : NULL;
        typedef jint (*created_fn)(JavaVM **, jsize, jsize *);
        created_fn created = h != NULL ? (created_fn)dlsym(h, "JNI_GetCreatedJavaVMs") : NULL;
        jsize n = 0;
        if (created == NULL || created(&vm, 1, &n) != JNI_OK || n < 1) {
            vm = NULL;
            return NULL;
        }
    }
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) == JNI_OK) {
        return env;
    }
    return (*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, NULL) == JNI_OK ? env : NULL;
}

static int failed(JNIEnv *env)
{
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        return 1;
    }
    return 0;
}

/* ---- Components --------------------------------------------------------------------------- */

/* The showing editor frames, in the order AWT lists its windows. */
static jobjectArray showing_editors(JNIEnv *env, int *count)
{
    jclass window = (*env)->FindClass(env, "java/awt/Window");
    jclass embedded = (*env)->FindClass(env, "sun/awt/X11/XEmbeddedFrame");
    jclass component = (*env)->FindClass(env, "java/awt/Component");
    *count = 0;
    if (window == NULL || embedded == NULL || component == NULL) {
        failed(env);
        return NULL;
    }
    jmethodID get_windows = (*env)->GetStaticMethodID(env, window, "getWindows", "()[Ljava/awt/Window;");
    jmethodID is_showing = (*env)->GetMethodID(env, component, "isShowing", "()Z");
    jobjectArray all = (jobjectArray)(*env)->CallStaticObjectMethod(env, window, get_windows);
    if (failed(env) || all == NULL) {
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, all);
    jobjectArray found = (*env)->NewObjectArray(env, n, window, NULL);
    for (jsize i = 0; i < n; i++) {
        jobject w = (*env)->GetObjectArrayElement(env, all, i);
        if ((*env)->IsInstanceOf(env, w, embedded) && (*env)->CallBooleanMethod(env, w, is_showing)) {
            (*env)->SetObjectArrayElement(env, found, (*count)++, w);
        }
        (*env)->DeleteLocalRef(env, w);
    }
    return found;
}

static jobject find_named(JNIEnv *env, jobject in, const char *name, int depth)
{
    jclass component = (*env)->FindClass(env, "java/awt/Component");
    jclass container = (*env)->FindClass(env, "java/awt/Container");
    jmethodID get_name = (*env)->GetMethodID(env, component, "getName", "()Ljava/lang/String;");
    jstring own = (jstring)(*env)->CallObjectMethod(env, in, get_name);
    if (own != NULL) {
        const char *utf = (*env)->GetStringUTFChars(env, own, NULL);
        int same = utf != NULL && strcmp(utf, name) == 0;
        (*env)->ReleaseStringUTFChars(env, own, utf);
        if (same) {
            return in;
        }
    }
    if (depth > 40 || !(*env)->IsInstanceOf(env, in, container)) {
        return NULL;
    }
    jmethodID get_components = (*env)->GetMethodID(env, container, "getComponents", "()[Ljava/awt/Component;");
    jobjectArray children = (jobjectArray)(*env)->CallObjectMethod(env, in, get_components);
    jsize n = children == NULL ? 0 : (*env)->GetArrayLength(env, children);
    for (jsize i = 0; i < n; i++) {
        jobject hit = find_named(env, (*env)->GetObjectArrayElement(env, children, i), name, depth + 1);
        if (hit != NULL) {
            return hit;
        }
    }
    return NULL;
}

/* The component named `name` in the `index`-th showing editor (a knob, the keyboard). */
static jobject knob(JNIEnv *env, const char *name, int index)
{
    int count = 0;
    jobjectArray editors = showing_editors(env, &count);
    if (editors == NULL || index >= count) {
        return NULL;
    }
    return find_named(env, (*env)->GetObjectArrayElement(env, editors, index), name, 0);
}

int host_java_showing_editors(void)
{
    JNIEnv *env = java_env();
    int count = 0;
    if (env == NULL || (*env)->PushLocalFrame(env, 256) != 0) {
        return -1;
    }
    showing_editors(env, &count);
    (*env)->PopLocalFrame(env, NULL);
    return count;
}

int host_java_knob_centre(const char *name, int index, int *x, int *y)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4096) != 0) {
        return -1;
    }
    int rc = -1;
    jobject k = knob(env, name, index);
    if (k != NULL) {
        jclass component = (*env)->FindClass(env, "java/awt/Component");
        jclass point = (*env)->FindClass(env, "java/awt/Point");
        jobject at = (*env)->CallObjectMethod(env, k, (*env)->GetMethodID(env, component, "getLocationOnScreen",
                                                                             "()Ljava/awt/Point;"));
        jint w = (*env)->CallIntMethod(env, k, (*env)->GetMethodID(env, component, "getWidth", "()I"));
        jint h = (*env)->CallIntMethod(env, k, (*env)->GetMethodID(env, component, "getHeight", "()I"));
        if (!failed(env) && at != NULL) {
            *x = (*env)->GetIntField(env, at, (*env)->GetFieldID(env, point, "x", "I")) + w / 2;
            *y = (*env)->GetIntField(env, at, (*env)->GetFieldID(env, point, "y", "I")) + h / 2;
            rc = 0;
        }
    }
    failed(env);
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

double host_java_knob_value(const char *name, int index)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4096) != 0) {
        return -1;
    }
    double v = -1;
    jobject k = knob(env, name, index);
    if (k != NULL) {
        jmethodID value = (*env)->GetMethodID(env, (*env)->GetObjectClass(env, k), "value", "()D");
        v = value != NULL ? (*env)->CallDoubleMethod(env, k, value) : -1;
    }
    if (failed(env)) {
        v = -1;
    }
    (*env)->PopLocalFrame(env, NULL);
    return v;
}

int host_java_drag(int x, int y, int dy)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 64) != 0) {
        return -1;
    }
    jclass robot_class = (*env)->FindClass(env, "java/awt/Robot");
    jobject robot = robot_class == NULL ? NULL
        : (*env)->NewObject(env, robot_class, (*env)->GetMethodID(env, robot_class, "<init>", "()V"));
    if (failed(env) || robot == NULL) {
        (*env)->PopLocalFrame(env, NULL);
        return -1;
    }
    jmethodID move = (*env)->GetMethodID(env, robot_class, "mouseMove", "(II)V");
    jmethodID press = (*env)->GetMethodID(env, robot_class, "mousePress", "(I)V");
    jmethodID release = (*env)->GetMethodID(env, robot_class, "mouseRelease", "(I)V");
    (*env)->CallVoidMethod(env, robot, move, x, y);
    host_ui_pump(100);
    (*env)->CallVoidMethod(env, robot, press, BUTTON1_DOWN_MASK);
    host_ui_pump(100);
    int steps = 10;
    for (int i = 1; i <= steps; i++) {
        (*env)->CallVoidMethod(env, robot, move, x, y + dy * i / steps);
        host_ui_pump(30);
    }
    (*env)->CallVoidMethod(env, robot, release, BUTTON1_DOWN_MASK);
    int rc = failed(env) ? -1 : 0;
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

int host_java_key(int key_code, int press)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 64) != 0) {
        return -1;
    }
    jclass robot_class = (*env)->FindClass(env, "java/awt/Robot");
    jobject robot = robot_class == NULL ? NULL
        : (*env)->NewObject(env, robot_class, (*env)->GetMethodID(env, robot_class, "<init>", "()V"));
    int rc = -1;
    if (!failed(env) && robot != NULL) {
        (*env)->CallVoidMethod(env, robot, (*env)->GetMethodID(env, robot_class, press ? "keyPress" : "keyRelease",
                                                                "(I)V"), key_code);
        rc = failed(env) ? -1 : 0;
    }
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

int host_java_keyboard_held(int index, int note)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4096) != 0) {
        return -1;
    }
    int held = -1;
    jobject keys = knob(env, "keyboard", index);
    if (keys != NULL) {
        jmethodID is_held = (*env)->GetMethodID(env, (*env)->GetObjectClass(env, keys), "isHeld", "(I)Z");
        held = is_held != NULL && (*env)->CallBooleanMethod(env, keys, is_held, note);
    }
    if (failed(env)) {
        held = -1;
    }
    (*env)->PopLocalFrame(env, NULL);
    return held;
}

/* ---- Clicks and text, for the screenshot scenes --------------------------------------------- */

/* A click of the left button at (x, y) on the screen, with real X input. */
static int click_at(JNIEnv *env, int x, int y)
{
    jclass robot_class = (*env)->FindClass(env, "java/awt/Robot");
    jobject robot = robot_class == NULL ? NULL
        : (*env)->NewObject(env, robot_class, (*env)->GetMethodID(env, robot_class, "<init>", "()V"));
    if (failed(env) || robot == NULL) {
        return -1;
    }
    (*env)->CallVoidMethod(env, robot, (*env)->GetMethodID(env, robot_class, "mouseMove", "(II)V"), x, y);
    host_ui_pump(100);
    (*env)->CallVoidMethod(env, robot, (*env)->GetMethodID(env, robot_class, "mousePress", "(I)V"), BUTTON1_DOWN_MASK);
    host_ui_pump(50);
    (*env)->CallVoidMethod(env, robot, (*env)->GetMethodID(env, robot_class, "mouseRelease", "(I)V"),
                           BUTTON1_DOWN_MASK);
    return failed(env) ? -1 : 0;
}

int host_java_click(const char *name, int index)
{
    int x, y;
    if (host_java_knob_centre(name, index, &x, &y) != 0) {
        return -1;
    }
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 64) != 0) {
        return -1;
    }
    int rc = click_at(env, x, y);
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

int host_java_click_row(const char *table_name, int index, const char *text)
{
    JNIEnv *env = java_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4096) != 0) {
        return -1;
    }
    int rc = -1;
    jobject table = knob(env, table_name, index);
    if (table != NULL) {
        jclass cls = (*env)->GetObjectClass(env, table);
        jclass object = (*env)->FindClass(env, "java/lang/Object");
        jclass component = (*env)->FindClass(env, "java/awt/Component");
        jclass point = (*env)->FindClass(env, "java/awt/Point");
        jclass rectangle = (*env)->FindClass(env, "java/awt/Rectangle");
        jint rows = (*env)->CallIntMethod(env, table, (*env)->GetMethodID(env, cls, "getRowCount", "()I"));
        jmethodID value_at = (*env)->GetMethodID(env, cls, "getValueAt", "(II)Ljava/lang/Object;");
        jmethodID to_string = (*env)->GetMethodID(env, object, "toString", "()Ljava/lang/String;");
        for (jint row = 0; row < rows && rc != 0 && !failed(env); row++) {
            jobject v = (*env)->CallObjectMethod(env, table, value_at, row, 1);
            jstring s = v == NULL ? NULL : (jstring)(*env)->CallObjectMethod(env, v, to_string);
            const char *utf = s == NULL ? NULL : (*env)->GetStringUTFChars(env, s, NULL);
            int same = utf != NULL && strcmp(utf, text) == 0;
            if (utf != NULL) {
                (*env)->ReleaseStringUTFChars(env, s, utf);
            }
            if (!same) {
                continue;
            }
            jobject r = (*env)->CallObjectMethod(env, table, (*env)->GetMethodID(env, cls, "getCellRect",
                                                                                   "(IIZ)Ljava/awt/Rectangle;"),
                                                 row, 1, JNI_TRUE);
            jobject at = (*env)->CallObjectMethod(env, table, (*env)->GetMethodID(env, component, "getLocationOnScreen",
                                                                                    "()Ljava/awt/Point;"));
            if (failed(env) || r == NULL || at == NULL) {
                break;
            }
            int x = (*env)->GetIntField(env, at, (*env)->GetFieldID(env, point, "x", "I"))
                    + (*env)->GetIntField(env, r, (*env)->GetFieldID(env, rectangle, "x", "I")) + 8;
            int y = (*env)->GetIntField(env, at, (*env)->GetFieldID(env, point, "y", "I"))
                    + (*env)->GetIntField(env, r, (*env)->GetFieldID(env, rectangle, "y", "I"))
                    + (*env)->GetIntField(env, r, (*env)->GetFieldID(env, rectangle, "height", "I")) / 2;
            rc = click_at(env, x, y);
        }
    }
    failed(env);
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}

int host_java_text(const char *name, int index, char *out, size_t size)
{
    JNIEnv *env = java_env();
    if (size > 0) {
        out[0] = '\0';
    }
    if (env == NULL || size == 0 || (*env)->PushLocalFrame(env, 4096) != 0) {
        return -1;
    }
    int rc = -1;
    jobject c = knob(env, name, index);
    if (c != NULL) {
        jmethodID get_text = (*env)->GetMethodID(env, (*env)->GetObjectClass(env, c), "getText", "()Ljava/lang/String;");
        jstring s = get_text == NULL ? NULL : (jstring)(*env)->CallObjectMethod(env, c, get_text);
        const char *utf = s == NULL || failed(env) ? NULL : (*env)->GetStringUTFChars(env, s, NULL);
        if (utf != NULL) {
            snprintf(out, size, "%s", utf);
            (*env)->ReleaseStringUTFChars(env, s, utf);
            rc = 0;
        }
    }
    failed(env);
    (*env)->PopLocalFrame(env, NULL);
    return rc;
}
