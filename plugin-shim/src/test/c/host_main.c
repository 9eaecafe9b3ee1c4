/*
 * sda-test-host entry point and the plumbing every mode shares: loading a bundle, creating,
 * starting and stopping an instance, one process() call, and looking for a JVM in the process.
 *
 *   sda-test-host test  BUNDLE STATE_A STATE_B STATE_MISSING   conformance walk; exit 0 = all passed
 *   sda-test-host bench BUNDLE BLOCK SECONDS [STATE]           real-time benchmark
 *   sda-test-host scan  BUNDLE                                 scan time, no JVM allowed
 *   sda-test-host control BLOCK SECONDS                        the bench's loop with a fixed kernel, no plugin
 *   sda-test-host smoke BUNDLE [STATE]                         any instrument: the sequence runs, output sane
 *   sda-test-host nojava BUNDLE                                no Java runtime anywhere: silence, no crash
 *   sda-test-host joined BUNDLE                                a JVM the host started first: the plugin joins it
 *   sda-test-host contract BUNDLE STATE                        the audio thread's contract (LD_PRELOAD the guard)
 *   sda-test-host editor BUNDLE STATE [SHOTS_DIR [SCALE]]      the editor in an X11 window (host_editor.c)
 *   sda-test-host lifecycle BUNDLE STATE CYCLES                editors opened and closed, leaks counted
 *   sda-test-host editorbench BUNDLE STATE SECONDS             createView to painted, idle CPU
 *   sda-test-host nodisplay BUNDLE STATE                       no X server: createView says no
 *   sda-test-host editorjoined BUNDLE STATE                    the editor in a JVM the host started
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#ifdef SDA_HOST_UI
#include "host_ui.h"
#endif

int host_failures;

double host_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int find_in_maps(const char *needle, char *path, size_t path_size)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[PATH_MAX + 128];
    int found = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char *at = strstr(line, needle);
        if (at != NULL) {
            found = 1;
            if (path != NULL) {
                char *start = strchr(line, '/');
                snprintf(path, path_size, "%s", start != NULL ? start : "");
                path[strcspn(path, "\n")] = '\0';
            }
            break;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return found;
}

int host_jvm_loaded(void)
{
    return find_in_maps("/libjvm.so", NULL, 0);
}

int host_jvm_count(void)
{
    char path[PATH_MAX];
    if (!find_in_maps("/libjvm.so", path, sizeof path)) {
        return -1;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h == NULL) {
        return -1;
    }
    typedef int (*created_fn)(void **, int, int *);
    created_fn created = (created_fn)dlsym(h, "JNI_GetCreatedJavaVMs");
    void *vms[4];
    int count = -1;
    if (created == NULL || created(vms, 4, &count) != 0) {
        count = -1;
    }
    dlclose(h);
    return count;
}

int host_module_load(struct host_module *m, const char *bundle)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/Contents/x86_64-linux/SmallDataSetAudio.so", bundle);
    memset(m, 0, sizeof *m);
    m->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (m->handle == NULL) {
        fprintf(stdout, "FAIL cannot load %s: %s\n", path, dlerror());
        return -1;
    }
    typedef _Bool (*entry_fn)(void *);
    typedef void *(*factory_fn)(void);
    entry_fn entry = (entry_fn)dlsym(m->handle, "ModuleEntry");
    factory_fn get_factory = (factory_fn)dlsym(m->handle, "GetPluginFactory");
    if (entry == NULL || get_factory == NULL || !entry(m->handle)) {
        fprintf(stdout, "FAIL %s lacks ModuleEntry/GetPluginFactory or ModuleEntry failed\n", path);
        return -1;
    }
    m->factory = get_factory();
    if (m->factory == NULL || *m->factory == NULL) {
        fprintf(stdout, "FAIL GetPluginFactory returned NULL\n");
        return -1;
    }
    struct v3_class_info info;
    if ((*m->factory)->count_classes(m->factory) < 1 || (*m->factory)->get_class_info(m->factory, 0, &info) != V3_OK) {
        fprintf(stdout, "FAIL the factory lists no class\n");
        return -1;
    }
    memcpy(m->cid, info.cid, sizeof m->cid);
    return 0;
}

int host_plugin_create(struct host_module *m, struct host_plugin *p)
{
    memset(p, 0, sizeof *p);
    void *obj = NULL;
    if ((*m->factory)->create_instance(m->factory, (const char *)m->cid, (const char *)v3_component_iid, &obj) != V3_OK
        || obj == NULL) {
        fprintf(stdout, "FAIL createInstance\n");
        return -1;
    }
    p->component = obj;
    if ((*p->component)->base.initialize(p->component, host_context) != V3_OK) {
        fprintf(stdout, "FAIL initialize\n");
        return -1;
    }
    obj = NULL;
    (*p->component)->base.unknown.query_interface(p->component, v3_audio_processor_iid, &obj);
    p->processor = obj;
    obj = NULL;
    /* Single component: the controller is queried from the component, and initialized too. */
    (*p->component)->base.unknown.query_interface(p->component, v3_edit_controller_iid, &obj);
    p->controller = obj;
    if (p->processor == NULL || p->controller == NULL) {
        fprintf(stdout, "FAIL the component lacks IAudioProcessor or IEditController\n");
        return -1;
    }
    if ((*p->controller)->base.initialize(p->controller, host_context) != V3_OK) {
        fprintf(stdout, "FAIL controller initialize\n");
        return -1;
    }
    return 0;
}

int host_plugin_start(struct host_plugin *p, double sample_rate, int32_t max_block, int32_t mode)
{
    struct v3_process_setup setup = { mode, V3_SAMPLE_32, max_block, sample_rate };
    p->sample_rate = sample_rate;
    p->max_block = max_block;
    p->mode = mode;
    p->position = 0;
    if ((*p->processor)->setup_processing(p->processor, &setup) != V3_OK) {
        return -1;
    }
    if ((*p->component)->set_active(p->component, 1) != V3_OK) {
        return -1;
    }
    return (*p->processor)->set_processing(p->processor, 1) == V3_OK ? 0 : -1;
}

void host_plugin_stop(struct host_plugin *p)
{
    (*p->processor)->set_processing(p->processor, 0);
    (*p->component)->set_active(p->component, 0);
}

void host_plugin_destroy(struct host_plugin *p)
{
    if (p->controller != NULL) {
        (*p->controller)->base.terminate(p->controller);
        (*p->controller)->base.unknown.release(p->controller);
    }
    if (p->processor != NULL) {
        (*p->processor)->unknown.release(p->processor);
    }
    if (p->component != NULL) {
        (*p->component)->base.terminate(p->component);
        (*p->component)->base.unknown.release(p->component);
    }
    memset(p, 0, sizeof *p);
}

v3_result host_process(struct host_plugin *p, int32_t n, struct host_events *events,
                       struct host_changes *changes, float *left, float *right, uint64_t *silence_flags)
{
    float *channels[2] = { left, right };
    struct v3_audio_bus_buffers out;
    memset(&out, 0, sizeof out);
    out.num_channels = 2;
    out.channels32 = channels;
    struct v3_process_data d;
    memset(&d, 0, sizeof d);
    d.process_mode = p->mode;
    d.symbolic_sample_size = V3_SAMPLE_32;
    d.num_samples = n;
    d.num_outputs = 1;
    d.outputs = &out;
    struct host_events *ev = events;
    struct host_changes *ch = changes;
    d.input_events = ev != NULL ? (struct v3_event_list **)ev : NULL;
    d.input_parameter_changes = ch != NULL ? (struct v3_parameter_changes **)ch : NULL;
    v3_result r = (*p->processor)->process(p->processor, &d);
    if (silence_flags != NULL) {
        *silence_flags = out.silence_flags;
    }
    p->position += (uint64_t)n;
    return r;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 6 && strcmp(argv[1], "test") == 0) {
        return host_run_checks(argv[2], argv[3], argv[4], argv[5]) == 0 ? 0 : 1;
    }
    if (argc >= 5 && strcmp(argv[1], "bench") == 0) {
        return host_run_bench(argv[2], atoi(argv[3]), atof(argv[4]), argc >= 6 ? argv[5] : NULL) == 0 ? 0 : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "smoke") == 0) {
        return host_run_smoke(argv[2], argc >= 4 ? argv[3] : NULL) == 0 ? 0 : 1;
    }
    if (argc >= 4 && strcmp(argv[1], "contract") == 0) {
        return host_run_contract(argv[2], argv[3]) == 0 ? 0 : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "joined") == 0) {
        return host_run_joined(argv[2]) == 0 ? 0 : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "nojava") == 0) {
        return host_run_without_java(argv[2]) == 0 ? 0 : 1;
    }
    if (argc >= 4 && strcmp(argv[1], "control") == 0) {
        return host_run_control(atoi(argv[2]), atof(argv[3])) == 0 ? 0 : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "scan") == 0) {
        return host_run_scan(argv[2]) == 0 ? 0 : 1;
    }
    if (argc >= 4 && (strcmp(argv[1], "editor") == 0 || strcmp(argv[1], "lifecycle") == 0
                      || strcmp(argv[1], "editorbench") == 0 || strcmp(argv[1], "nodisplay") == 0
                      || strcmp(argv[1], "editorjoined") == 0)) {
#ifdef SDA_HOST_UI
        if (strcmp(argv[1], "editor") == 0) {
            return host_run_editor(argv[2], argv[3], argc >= 5 ? argv[4] : NULL,
                                   argc >= 6 ? (float)atof(argv[5]) : 1.0f) == 0 ? 0 : 1;
        }
        if (strcmp(argv[1], "editorjoined") == 0) {
            return host_start_own_jvm() == 0 && host_run_editor(argv[2], argv[3], NULL, 1.0f) == 0 ? 0 : 1;
        }
        if (strcmp(argv[1], "nodisplay") == 0) {
            return host_run_editor_without_display(argv[2], argv[3]) == 0 ? 0 : 1;
        }
        if (strcmp(argv[1], "lifecycle") == 0) {
            return host_run_editor_lifecycle(argv[2], argv[3], argc >= 5 ? atoi(argv[4]) : 50) == 0 ? 0 : 1;
        }
        return host_run_editor_bench(argv[2], argv[3], argc >= 5 ? atof(argv[4]) : 10) == 0 ? 0 : 1;
#else
        printf("SKIP this test host was built without Xlib (libx11-dev): no editor modes\n");
        return 0;
#endif
    }
    fprintf(stderr, "usage: %s test BUNDLE STATE_A STATE_B STATE_MISSING\n"
                    "       %s bench BUNDLE BLOCK SECONDS [STATE]\n"
                    "       %s control BLOCK SECONDS\n"
                    "       %s scan BUNDLE\n", argv[0], argv[0], argv[0], argv[0]);
    return 2;
}
