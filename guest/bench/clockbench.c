// SPDX-License-Identifier: GPL-2.0
/*
 * clockbench: cost of clock_gettime(), gettimeofday() and time() through
 * the vDSO and the system call, on the host, inside a time namespace, and
 * inside a time namespace in realtime mode. Meant for QEMU with
 * -icount shift=0,sleep=off, where a guest nanosecond is one instruction:
 * the figures are instruction counts and repeat exactly.
 *
 * Prints one line per measurement:
 *   clockbench <host|inside|rtns> <clock> <vdso|syscall> <rep> <calls> <ns>
 * where <clock> is a CLOCK_* name, "gettimeofday" or "time" (a row whose
 * vDSO symbol or system call the architecture lacks is left out), and
 * "clockbench inside unavailable <errno>" without time namespaces. rtns,
 * the namespace in realtime mode, prints nothing on a kernel without
 * realtime mode.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parse_vdso.h"
#include "vdso_config.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

#define REPS		3
#define VDSO_CALLS	400000L
#define SYSCALL_CALLS	40000L
/*
 * The rows added with realtime mode take half as many calls: three
 * contexts of nine rows then make 2.4 times the calls of the two contexts
 * of four rows before them, and under -icount the figures repeat anyway.
 */
#define VDSO_CALLS_RT	200000L
#define SYSCALL_CALLS_RT 20000L

typedef int (*gettime_t)(clockid_t, struct timespec *);
typedef int (*gettimeofday_t)(struct timeval *, struct timezone *);
typedef time_t (*time_fn_t)(time_t *);

static gettime_t vdso_gettime;
static gettimeofday_t vdso_gettimeofday;
static time_fn_t vdso_time;

enum call { CALL_CLOCK_GETTIME, CALL_GETTIMEOFDAY, CALL_TIME };

static const struct {
	clockid_t clk;		/* CALL_CLOCK_GETTIME only */
	const char *name;
	enum call call;
	long vdso_calls, syscall_calls;
} clocks[] = {
	{ CLOCK_MONOTONIC,	  "CLOCK_MONOTONIC",	    CALL_CLOCK_GETTIME, VDSO_CALLS, SYSCALL_CALLS },
	{ CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE", CALL_CLOCK_GETTIME, VDSO_CALLS, SYSCALL_CALLS },
	{ CLOCK_MONOTONIC_RAW,	  "CLOCK_MONOTONIC_RAW",    CALL_CLOCK_GETTIME, VDSO_CALLS, SYSCALL_CALLS },
	{ CLOCK_BOOTTIME,	  "CLOCK_BOOTTIME",	    CALL_CLOCK_GETTIME, VDSO_CALLS, SYSCALL_CALLS },
	{ CLOCK_REALTIME,	  "CLOCK_REALTIME",	    CALL_CLOCK_GETTIME, VDSO_CALLS_RT, SYSCALL_CALLS_RT },
	{ CLOCK_REALTIME_COARSE,  "CLOCK_REALTIME_COARSE",  CALL_CLOCK_GETTIME, VDSO_CALLS_RT, SYSCALL_CALLS_RT },
	{ CLOCK_TAI,		  "CLOCK_TAI",		    CALL_CLOCK_GETTIME, VDSO_CALLS_RT, SYSCALL_CALLS_RT },
	{ 0,			  "gettimeofday",	    CALL_GETTIMEOFDAY,  VDSO_CALLS_RT, SYSCALL_CALLS_RT },
	{ 0,			  "time",		    CALL_TIME,		VDSO_CALLS_RT, SYSCALL_CALLS_RT },
};

/* The stopwatch: a system call, so that it works the same everywhere. */
static long long stopwatch(void)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static __attribute__((noinline)) void loop_vdso(clockid_t clk, long n)
{
	struct timespec ts;
	long i;

	for (i = 0; i < n; i++)
		vdso_gettime(clk, &ts);
}

static __attribute__((noinline)) void loop_syscall(clockid_t clk, long n)
{
	struct timespec ts;
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_clock_gettime, clk, &ts);
}

static __attribute__((noinline)) void loop_vdso_gettimeofday(clockid_t clk, long n)
{
	struct timeval tv;
	long i;

	(void)clk;
	for (i = 0; i < n; i++)
		vdso_gettimeofday(&tv, NULL);
}

static __attribute__((noinline)) void loop_syscall_gettimeofday(clockid_t clk, long n)
{
	struct timeval tv;
	long i;

	(void)clk;
	for (i = 0; i < n; i++)
		syscall(SYS_gettimeofday, &tv, NULL);
}

static __attribute__((noinline)) void loop_vdso_time(clockid_t clk, long n)
{
	long i;

	(void)clk;
	for (i = 0; i < n; i++)
		vdso_time(NULL);
}

#ifdef SYS_time
static __attribute__((noinline)) void loop_syscall_time(clockid_t clk, long n)
{
	long i;

	(void)clk;
	for (i = 0; i < n; i++)
		syscall(SYS_time, NULL);
}
#endif

typedef void (*loop_t)(clockid_t, long);

/* The loop of a row and a way, NULL where the architecture lacks it. */
static loop_t loop_of(enum call call, int vdso)
{
	switch (call) {
	case CALL_CLOCK_GETTIME:
		return vdso ? loop_vdso : loop_syscall;
	case CALL_GETTIMEOFDAY:
		if (vdso)
			return vdso_gettimeofday ? loop_vdso_gettimeofday : NULL;
		return loop_syscall_gettimeofday;
	case CALL_TIME:
		if (vdso)
			return vdso_time ? loop_vdso_time : NULL;
#ifdef SYS_time
		return loop_syscall_time;
#else
		return NULL;
#endif
	}
	return NULL;
}

static void measure(const char *where)
{
	unsigned int c;
	int rep, vdso;

	for (c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		for (vdso = 1; vdso >= 0; vdso--) {
			long n = vdso ? clocks[c].vdso_calls :
					clocks[c].syscall_calls;
			loop_t loop = loop_of(clocks[c].call, vdso);

			if (!loop)
				continue;
			loop(clocks[c].clk, n / 100);	/* warm up */
			for (rep = 0; rep < REPS; rep++) {
				long long t0, t1;

				t0 = stopwatch();
				loop(clocks[c].clk, n);
				t1 = stopwatch();
				printf("clockbench %s %s %s %d %ld %lld\n", where,
				       clocks[c].name, vdso ? "vdso" : "syscall",
				       rep, n, t1 - t0);
			}
		}
	}
	fflush(stdout);
}

/* Write @offsets to this task's timens_offsets (its namespace for children). */
static int write_offsets(const char *offsets)
{
	int fd;

	fd = open("/proc/self/timens_offsets", O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, offsets, strlen(offsets)) < 0) {
		close(fd);
		return -errno;
	}
	close(fd);
	return 0;
}

/* Offsets of a day: the namespace's clocks differ from the host's. */
static int enter_timens(void)
{
	int fd, ret;

	if (unshare(CLONE_NEWTIME))
		return -errno;
	ret = write_offsets("monotonic 86400 0\nboottime 86400 0\n");
	if (ret)
		return ret;
	fd = open("/proc/self/ns/time_for_children", O_RDONLY);
	if (fd < 0)
		return -errno;
	if (setns(fd, CLONE_NEWTIME)) {
		close(fd);
		return -errno;
	}
	close(fd);
	return 0;
}

/*
 * The namespace in realtime mode: its CLOCK_REALTIME a day ahead of the
 * host's, entered by a child. Prints nothing where the kernel has no
 * realtime mode (or no time namespaces). The exit status of the process.
 */
static int measure_rtns(void)
{
	int status;
	pid_t pid;

	if (unshare(CLONE_NEWTIME) || write_offsets("realtime 86400 0\n"))
		return 0;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		measure("rtns");
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}

/* Run @fn in a child; its exit status, 1 if it did not exit. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		exit(fn());
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}

static int measure_inside(void)
{
	int ret = enter_timens();

	if (ret) {
		printf("clockbench inside unavailable %d\n", -ret);
		return 0;
	}
	measure("inside");
	return 0;
}

int main(void)
{
	unsigned long base = getauxval(AT_SYSINFO_EHDR);
	int ret, ret_rt;

	if (!base) {
		fprintf(stderr, "clockbench: no vDSO\n");
		return 1;
	}
	vdso_init_from_sysinfo_ehdr(base);
	vdso_gettime = (gettime_t)vdso_sym(versions[VDSO_VERSION], names[VDSO_NAMES][1]);
	if (!vdso_gettime) {
		fprintf(stderr, "clockbench: no %s\n", names[VDSO_NAMES][1]);
		return 1;
	}
	/* Optional: a row without its symbol is left out (no time() on arm64) */
	vdso_gettimeofday = (gettimeofday_t)vdso_sym(versions[VDSO_VERSION],
						     names[VDSO_NAMES][0]);
	vdso_time = (time_fn_t)vdso_sym(versions[VDSO_VERSION], names[VDSO_NAMES][2]);

	measure("host");

	ret = in_child(measure_inside);
	ret_rt = in_child(measure_rtns);
	return ret ? ret : ret_rt;
}
