/*
 * JVM boot: finding the runtime and the jars, creating (or joining) the process's JVM, and
 * binding org.sda.engine.bridge.PluginBridge. The calls into it are in jvm_calls.c.
 *
 * Where the JVM comes from: <bundle>/Contents/Resources/runtime (a jlink'ed runtime), else
 * $JAVA_HOME. The class path is every jar in <bundle>/Contents/Resources/lib. Extra options can
 * be given in SDA_JVM_OPTIONS (space separated). If the process already has a JVM (another
 * plugin or the host started one), we join it and load our jars through one URLClassLoader.
 *
 * Class loaders: all instances share one loader. ONNX Runtime's and JNA's native libraries can be
 * bound to only one class loader per JVM, so a loader per instance would fail to load the second
 * instance's inference engine; a shared loader also lets instances share loaded classes and
 * model caches. Instances are isolated by having their own PluginBridge and Instrument objects.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jvm.h"
#include "jvm_internal.h"

#define LOG(...) do { fprintf(stderr, "[SmallDataSetAudio] " __VA_ARGS__); fputc('\n', stderr); } while (0)

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);
typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);

static pthread_mutex_t boot_lock = PTHREAD_MUTEX_INITIALIZER;
JavaVM *vm;
jclass bridge_class;
jmethodID m_attach, m_prepare, m_start, m_stop, m_save, m_restore, m_parameter, m_close, m_status;
char sda_resources[PATH_MAX];

/* ---- Safe helpers ------------------------------------------------------------------------ */

static int file_exists(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void find_resources(void)
{
    Dl_info info;
    if (sda_resources[0] != '\0' || dladdr((void *)&find_resources, &info) == 0 || info.dli_fname == NULL) {
        return;
    }
    char path[PATH_MAX];
    if (realpath(info.dli_fname, path) == NULL) {
        return;
    }
    /* <bundle>/Contents/x86_64-linux/SmallDataSetAudio.so -> <bundle>/Contents/Resources */
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(path, '/');
        if (slash == NULL) {
            return;
        }
        *slash = '\0';
    }
    snprintf(sda_resources, sizeof sda_resources, "%s/Resources", path);
}

const char *sda_bundle_resources(void)
{
    find_resources();
    return sda_resources;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every jar in Resources/<folder>, sorted, as a malloc'ed NULL-terminated list of paths. */
static char **list_jars_in(const char *folder)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", sda_resources, folder);
    DIR *d = opendir(dir);
    if (d == NULL) {
        return NULL;
    }
    size_t n = 0, cap = 16;
    char **jars = calloc(cap + 1, sizeof *jars);
    struct dirent *e;
    while (jars != NULL && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".jar") != 0) {
            continue;
        }
        if (n == cap) {
            char **bigger = realloc(jars, (2 * cap + 1) * sizeof *jars);
            if (bigger == NULL) {
                break;
            }
            jars = bigger;
            cap *= 2;
        }
        size_t size = strlen(dir) + len + 2;
        jars[n] = malloc(size);
        if (jars[n] != NULL) {
            snprintf(jars[n], size, "%s/%s", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    if (jars != NULL) {
        jars[n] = NULL;
        qsort(jars, n, sizeof *jars, compare_names);
    }
    return jars;
}

static char **list_jars(void)
{
    return list_jars_in("lib");
}

static void free_list(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        free(list[i]);
    }
    free(list);
}

JNIEnv *env_for_this_thread(void)
{
    JNIEnv *env = NULL;
    if (vm == NULL) {
        return NULL;
    }
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) == JNI_OK) {
        return env;
    }
    /* Host threads stay attached (as daemons) for the life of the process: they call us again. */
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, NULL) != JNI_OK) {
        return NULL;
    }
    return env;
}

/* Clears a pending Java exception, printing it; 1 if there was one. */
int java_failed(JNIEnv *env, const char *what)
{
    if (!(*env)->ExceptionCheck(env)) {
        return 0;
    }
    LOG("Java failed in %s:", what);
    (*env)->ExceptionDescribe(env);
    (*env)->ExceptionClear(env);
    return 1;
}

/* ---- JVM creation ------------------------------------------------------------------------ */

struct boot_args {
    create_vm_fn create;
    JavaVMInitArgs init;
    jint result;
};

/* The JVM is created on a thread of its own with a large stack, as the java launcher does:
 * a host's main (primordial) thread is a poor place for the JVM's stack guard pages. */
static void *boot_thread(void *arg)
{
    struct boot_args *b = arg;
    JNIEnv *env;
    b->result = b->create(&vm, (void **)&env, &b->init);
    if (b->result == JNI_OK) {
        (*vm)->DetachCurrentThread(vm);
    }
    return NULL;
}

static int create_vm(create_vm_fn create, char *err, size_t err_size)
{
    char **jars = list_jars();
    if (jars == NULL || jars[0] == NULL) {
        snprintf(err, err_size, "no jars in %s/lib", sda_resources);
        free_list(jars);
        return -1;
    }
    size_t cp_len = 32;
    for (size_t i = 0; jars[i] != NULL; i++) {
        cp_len += strlen(jars[i]) + 1;
    }
    char *class_path = malloc(cp_len);
    char *user = getenv("SDA_JVM_OPTIONS") != NULL ? strdup(getenv("SDA_JVM_OPTIONS")) : NULL;
    JavaVMOption options[64];
    int n = 0;
    if (class_path == NULL) {
        free_list(jars);
        free(user);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    strcpy(class_path, "-Djava.class.path=");
    for (size_t i = 0; jars[i] != NULL; i++) {
        strcat(class_path, jars[i]);
        if (jars[i + 1] != NULL) {
            strcat(class_path, ":");
        }
    }
    options[n++].optionString = class_path;
    /* Leave SIGINT/SIGTERM/SIGQUIT to the host. */
    options[n++].optionString = "-Xrs";
    /* The editor embeds its panel in the host's X11 window through the JDK's XEmbeddedFrame
     * (EmbeddedEditor), a class of a package java.desktop does not export. */
    options[n++].optionString = "--add-exports=java.desktop/sun.awt.X11=ALL-UNNAMED";
    /* No collector is forced (the JVM's default, G1, unless SDA_JVM_OPTIONS says otherwise): the
     * voices render in C on the host's thread, so a collection pauses generation, never sound, and
     * G1 starts the JVM faster than ZGC, which the shim chose while a Java thread rendered
     * (docs/BENCHMARKS.md). */
    for (char *save = NULL, *tok = user != NULL ? strtok_r(user, " ", &save) : NULL;
         tok != NULL && n < 64; tok = strtok_r(NULL, " ", &save)) {
        options[n++].optionString = tok;
    }
    for (int i = 0; i < n; i++) {
        options[i].extraInfo = NULL;
    }
    struct boot_args b = {
        .create = create,
        .init = { .version = JNI_VERSION_1_8, .nOptions = n, .options = options, .ignoreUnrecognized = JNI_FALSE },
        .result = JNI_ERR,
    };
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    int started = pthread_create(&thread, &attr, boot_thread, &b) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
        pthread_join(thread, NULL);
    }
    free(class_path);
    free(user);
    free_list(jars);
    if (!started || b.result != JNI_OK) {
        vm = NULL;
        snprintf(err, err_size, "JNI_CreateJavaVM failed (%d)", (int)b.result);
        return -1;
    }
    return 0;
}

jobject sda_url_loader(JNIEnv *env, const char *folder, jobject parent)
{
    char **jars = list_jars_in(folder);
    jobject loader = NULL;
    size_t n = 0;
    while (jars != NULL && jars[n] != NULL) {
        n++;
    }
    jclass url_class = (*env)->FindClass(env, "java/net/URL");
    jclass file_class = (*env)->FindClass(env, "java/io/File");
    jclass loader_class = (*env)->FindClass(env, "java/net/URLClassLoader");
    if (jars == NULL || n == 0 || url_class == NULL || file_class == NULL || loader_class == NULL) {
        java_failed(env, "class loader set-up");
        free_list(jars);
        return NULL;
    }
    jmethodID file_init = (*env)->GetMethodID(env, file_class, "<init>", "(Ljava/lang/String;)V");
    jmethodID to_uri = (*env)->GetMethodID(env, file_class, "toURI", "()Ljava/net/URI;");
    jclass uri_class = (*env)->FindClass(env, "java/net/URI");
    jmethodID to_url = (*env)->GetMethodID(env, uri_class, "toURL", "()Ljava/net/URL;");
    jobjectArray urls = (*env)->NewObjectArray(env, (jsize)n, url_class, NULL);
    for (size_t i = 0; urls != NULL && i < n; i++) {
        jstring path = (*env)->NewStringUTF(env, jars[i]);
        jobject file = (*env)->NewObject(env, file_class, file_init, path);
        jobject uri = (*env)->CallObjectMethod(env, file, to_uri);
        jobject url = (*env)->CallObjectMethod(env, uri, to_url);
        (*env)->SetObjectArrayElement(env, urls, (jsize)i, url);
        if (java_failed(env, "jar URL")) {
            free_list(jars);
            return NULL;
        }
    }
    if (parent == NULL) {
        jmethodID init = (*env)->GetMethodID(env, loader_class, "<init>", "([Ljava/net/URL;)V");
        loader = (*env)->NewObject(env, loader_class, init, urls);
    } else {
        jmethodID init = (*env)->GetMethodID(env, loader_class, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V");
        loader = (*env)->NewObject(env, loader_class, init, urls, parent);
    }
    java_failed(env, "URLClassLoader");
    free_list(jars);
    return loader;
}

/* A URLClassLoader over our jars, for a JVM someone else started (their class path lacks us). */
static jclass load_through_url_loader(JNIEnv *env)
{
    jobject loader = sda_url_loader(env, "lib", NULL);
    if (loader == NULL) {
        return NULL;
    }
    jclass loader_class = (*env)->FindClass(env, "java/net/URLClassLoader");
    jmethodID load_class = (*env)->GetMethodID(env, loader_class, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    jstring name = (*env)->NewStringUTF(env, "org.sda.engine.bridge.PluginBridge");
    jclass result = (jclass)(*env)->CallObjectMethod(env, loader, load_class, name);
    java_failed(env, "loading the bridge class");
    return result;
}

static int bind_bridge_class(JNIEnv *env, int own_vm, char *err, size_t err_size)
{
    jclass local = own_vm ? (*env)->FindClass(env, BRIDGE_CLASS) : load_through_url_loader(env);
    if (local == NULL) {
        java_failed(env, "FindClass");
        snprintf(err, err_size, "class %s not found in %s/lib", BRIDGE_CLASS, sda_resources);
        return -1;
    }
    bridge_class = (*env)->NewGlobalRef(env, local);
    m_attach = (*env)->GetStaticMethodID(env, bridge_class, "attach", "(JJJLjava/lang/String;)L" BRIDGE_CLASS ";");
    m_prepare = (*env)->GetMethodID(env, bridge_class, "prepare", "(DI)I");
    m_start = (*env)->GetMethodID(env, bridge_class, "start", "()V");
    m_stop = (*env)->GetMethodID(env, bridge_class, "stop", "()V");
    m_save = (*env)->GetMethodID(env, bridge_class, "saveState", "()[B");
    m_restore = (*env)->GetMethodID(env, bridge_class, "restoreState", "([B)Ljava/lang/String;");
    m_parameter = (*env)->GetMethodID(env, bridge_class, "parameter", "(I)D");
    m_close = (*env)->GetMethodID(env, bridge_class, "close", "()V");
    m_status = (*env)->GetMethodID(env, bridge_class, "status", "()Ljava/lang/String;");
    if (java_failed(env, "binding PluginBridge") || !m_attach || !m_prepare || !m_start || !m_stop || !m_save
        || !m_restore || !m_parameter || !m_close || !m_status) {
        snprintf(err, err_size, "%s lacks a method the shim calls (version mismatch?)", BRIDGE_CLASS);
        return -1;
    }
    return 0;
}

/* Keeps this library mapped once Java may hold pointers into it (sda_render_wait). */
static void pin_library(void)
{
    Dl_info info;
    if (dladdr((void *)&pin_library, &info) != 0 && info.dli_fname != NULL) {
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
}

int sda_jvm_ensure(char *err, size_t err_size)
{
    int rc = 0;
    pthread_mutex_lock(&boot_lock);
    if (bridge_class != NULL) {
        pthread_mutex_unlock(&boot_lock);
        return 0;
    }
    find_resources();
    int own_vm = 0;
    if (vm == NULL) {
        JavaVM *existing[1];
        jsize count = 0;
        created_vms_fn created = (created_vms_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
        if (created != NULL && created(existing, 1, &count) == JNI_OK && count > 0) {
            vm = existing[0];
        }
    }
    if (vm == NULL) {
        char lib[PATH_MAX];
        snprintf(lib, sizeof lib, "%s/runtime/lib/server/libjvm.so", sda_resources);
        if (!file_exists(lib)) {
            const char *home = getenv("JAVA_HOME");
            if (home == NULL || home[0] == '\0') {
                snprintf(err, err_size, "no Java runtime: %s is missing and JAVA_HOME is not set", lib);
                rc = -1;
                goto out;
            }
            snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so", home);
        }
        void *handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) {
            snprintf(err, err_size, "cannot load %s: %s", lib, dlerror());
            rc = -1;
            goto out;
        }
        created_vms_fn created = (created_vms_fn)dlsym(handle, "JNI_GetCreatedJavaVMs");
        create_vm_fn create = (create_vm_fn)dlsym(handle, "JNI_CreateJavaVM");
        JavaVM *existing[1];
        jsize count = 0;
        if (created != NULL && created(existing, 1, &count) == JNI_OK && count > 0) {
            vm = existing[0];
        } else if (create == NULL) {
            snprintf(err, err_size, "%s has no JNI_CreateJavaVM", lib);
            rc = -1;
            goto out;
        } else if (create_vm(create, err, err_size) != 0) {
            rc = -1;
            goto out;
        } else {
            own_vm = 1;
        }
    }
    pin_library();
    JNIEnv *env = env_for_this_thread();
    if (env == NULL) {
        snprintf(err, err_size, "cannot attach to the JVM");
        rc = -1;
        goto out;
    }
    rc = bind_bridge_class(env, own_vm, err, err_size);
out:
    pthread_mutex_unlock(&boot_lock);
    return rc;
}

