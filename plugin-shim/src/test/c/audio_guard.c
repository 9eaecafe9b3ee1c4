/*
 * libsda-audio-guard.so: preloaded (LD_PRELOAD) into the C test host to check the audio thread's
 * contract. It interposes the calls that allocate, lock, sleep or enter the kernel (malloc and
 * friends, pthread mutexes, rwlocks, condition variables and semaphores, syscall() — futex goes
 * through it —, the sleeps, sched_yield, read/write, mmap/munmap) and counts those made by a
 * thread while that thread has armed the guard. The host arms it around each process() call.
 *
 * What it cannot see: system calls glibc makes internally without going through these symbols.
 * The host's contract mode therefore also counts the thread's voluntary context switches (every
 * blocking system call is one), from /proc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define API __attribute__((visibility("default")))

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t alignment, size_t size);

enum { MALLOC, CALLOC, REALLOC, FREE, MEMALIGN, MUTEX, RWLOCK, COND, SEM, SYSCALL, SLEEP, YIELD, IO, MMAP, KINDS };
static const char *const names[KINDS] = { "malloc", "calloc", "realloc", "free", "memalign", "pthread_mutex",
                                          "pthread_rwlock", "pthread_cond", "sem_wait", "syscall", "sleep",
                                          "sched_yield", "read/write", "mmap/munmap" };
static atomic_long hits[KINDS];
static __thread int armed;

static void hit(int kind)
{
    if (armed) {
        atomic_fetch_add(&hits[kind], 1);
    }
}

/* The next definition of `name` (glibc's), looked up once. */
#define REAL(type, name, args) \
    static type(*real) args = NULL; \
    if (real == NULL) { \
        real = (type(*) args)dlsym(RTLD_NEXT, name); \
    }

API void sda_guard_arm(int on)
{
    armed = on;
}

/* Forbidden calls counted so far; `report` gets "name count, ..." (may be NULL). */
API long sda_guard_report(char *report, size_t size)
{
    long total = 0;
    size_t used = 0;
    if (report != NULL && size > 0) {
        report[0] = '\0';
    }
    for (int k = 0; k < KINDS; k++) {
        long n = atomic_load(&hits[k]);
        total += n;
        if (n > 0 && report != NULL && used < size) {
            used += (size_t)snprintf(report + used, size - used, "%s%s %ld", used ? ", " : "", names[k], n);
        }
    }
    return total;
}

API void sda_guard_reset(void)
{
    for (int k = 0; k < KINDS; k++) {
        atomic_store(&hits[k], 0);
    }
}

void *malloc(size_t size) { hit(MALLOC); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { hit(CALLOC); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { hit(REALLOC); return __libc_realloc(p, size); }
void free(void *p) { if (p != NULL) hit(FREE); __libc_free(p); }
void *memalign(size_t alignment, size_t size) { hit(MEMALIGN); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { hit(MEMALIGN); return __libc_memalign(alignment, size); }

int posix_memalign(void **out, size_t alignment, size_t size)
{
    hit(MEMALIGN);
    void *p = __libc_memalign(alignment, size);
    if (p == NULL) {
        return 12;                        /* ENOMEM */
    }
    *out = p;
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m) { hit(MUTEX); REAL(int, "pthread_mutex_lock", (pthread_mutex_t *)); return real(m); }
int pthread_mutex_trylock(pthread_mutex_t *m) { hit(MUTEX); REAL(int, "pthread_mutex_trylock", (pthread_mutex_t *)); return real(m); }
int pthread_rwlock_rdlock(pthread_rwlock_t *l) { hit(RWLOCK); REAL(int, "pthread_rwlock_rdlock", (pthread_rwlock_t *)); return real(l); }
int pthread_rwlock_wrlock(pthread_rwlock_t *l) { hit(RWLOCK); REAL(int, "pthread_rwlock_wrlock", (pthread_rwlock_t *)); return real(l); }
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { hit(COND); REAL(int, "pthread_cond_wait", (pthread_cond_t *, pthread_mutex_t *)); return real(c, m); }
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t)
{
    hit(COND);
    REAL(int, "pthread_cond_timedwait", (pthread_cond_t *, pthread_mutex_t *, const struct timespec *));
    return real(c, m, t);
}
int sem_wait(sem_t *s) { hit(SEM); REAL(int, "sem_wait", (sem_t *)); return real(s); }
int sem_timedwait(sem_t *s, const struct timespec *t) { hit(SEM); REAL(int, "sem_timedwait", (sem_t *, const struct timespec *)); return real(s, t); }

long syscall(long number, ...)
{
    hit(SYSCALL);
    va_list ap;
    va_start(ap, number);
    long a1 = va_arg(ap, long), a2 = va_arg(ap, long), a3 = va_arg(ap, long);
    long a4 = va_arg(ap, long), a5 = va_arg(ap, long), a6 = va_arg(ap, long);
    va_end(ap);
    REAL(long, "syscall", (long, ...));
    return real(number, a1, a2, a3, a4, a5, a6);
}

int nanosleep(const struct timespec *req, struct timespec *rem) { hit(SLEEP); REAL(int, "nanosleep", (const struct timespec *, struct timespec *)); return real(req, rem); }
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem)
{
    hit(SLEEP);
    REAL(int, "clock_nanosleep", (clockid_t, int, const struct timespec *, struct timespec *));
    return real(clock, flags, req, rem);
}
int usleep(useconds_t us) { hit(SLEEP); REAL(int, "usleep", (useconds_t)); return real(us); }
int sched_yield(void) { hit(YIELD); REAL(int, "sched_yield", (void)); return real(); }
ssize_t read(int fd, void *buf, size_t n) { hit(IO); REAL(ssize_t, "read", (int, void *, size_t)); return real(fd, buf, n); }
ssize_t write(int fd, const void *buf, size_t n) { hit(IO); REAL(ssize_t, "write", (int, const void *, size_t)); return real(fd, buf, n); }
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    hit(MMAP);
    REAL(void *, "mmap", (void *, size_t, int, int, int, off_t));
    return real(addr, len, prot, flags, fd, off);
}
int munmap(void *addr, size_t len) { hit(MMAP); REAL(int, "munmap", (void *, size_t)); return real(addr, len); }
