/*
 * A host that runs Java itself (as hosts and other plugins that embed a JVM do) before it loads
 * the plugin. A process holds one JVM, so the shim must join this one, load its jars through a
 * class loader of its own, and configure the instrument exactly as when it starts the JVM: the
 * bundle's demo model must play with no state given.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);

struct boot {
    create_vm_fn create;
    JavaVMInitArgs args;
    JavaVM *vm;
    jint result;
};

static void *boot_thread(void *arg)
{
    struct boot *b = arg;
    JNIEnv *env = NULL;
    b->result = b->create(&b->vm, (void **)&env, &b->args);
    if (b->result == JNI_OK) {
        (*b->vm)->DetachCurrentThread(b->vm);
    }
    return NULL;
}

/* The host's own JVM: JAVA_HOME's, with a class path that knows nothing of the plugin. */
int host_start_own_jvm(void)
{
    const char *home = getenv("JAVA_HOME");
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so", home != NULL ? home : "");
    void *h = dlopen(lib, RTLD_NOW | RTLD_GLOBAL);
    if (h == NULL) {
        printf("FAIL the host cannot load %s: %s\n", lib, dlerror());
        return -1;
    }
    struct boot b;
    memset(&b, 0, sizeof b);
    b.create = (create_vm_fn)dlsym(h, "JNI_CreateJavaVM");
    JavaVMOption options[] = {
        { .optionString = "-Xrs", .extraInfo = NULL },
        { .optionString = "-Xmx1g", .extraInfo = NULL },
        { .optionString = "-Djava.class.path=", .extraInfo = NULL },
    };
    b.args = (JavaVMInitArgs){ .version = JNI_VERSION_1_8, .nOptions = 3, .options = options,
                               .ignoreUnrecognized = JNI_FALSE };
    b.result = JNI_ERR;
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    if (b.create == NULL || pthread_create(&thread, &attr, boot_thread, &b) != 0) {
        printf("FAIL no JNI_CreateJavaVM in %s\n", lib);
        return -1;
    }
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    if (b.result != JNI_OK) {
        printf("FAIL the host's JVM did not start (%d)\n", (int)b.result);
        return -1;
    }
    printf("the host started its own JVM before loading the plugin\n");
    return 0;
}

int host_run_joined(const char *bundle)
{
    if (host_start_own_jvm() != 0) {
        return -1;
    }
    struct host_module m;
    struct host_plugin p;
    if (host_module_load(&m, bundle) != 0 || host_plugin_create(&m, &p) != 0) {
        return -1;
    }
    CHECK(host_plugin_start(&p, 48000.0, 256, V3_OFFLINE) == 0, "start");
    CHECK(host_jvm_count() == 1, "%d JVMs in the process (the plugin must join the host's)", host_jvm_count());
    /* No state given: what sounds is the bundle's demo model, which reaches Java only through the
     * bridge's attach call on this path (no JVM options of ours were applied). */
    await_sound(&p, "demo model in the host's JVM");
    check_state(&p);
    host_plugin_stop(&p);
    host_plugin_destroy(&p);
    printf("%s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", host_failures);
    return host_failures == 0 ? 0 : -1;
}
