// SPDX-License-Identifier: GPL-2.0
/*
 * clockbench: cost of clock_gettime() through the vDSO and the system call,
 * on the host and inside a time namespace. Meant for QEMU with
 * -icount shift=0,sleep=off, where a guest nanosecond is one instruction:
 * the figures are instruction counts and repeat exactly.
 *
 * Prints one line per measurement:
 *   clockbench <host|inside> <clock> <vdso|syscall> <rep> <calls> <ns>
 * and "clockbench inside unavailable <errno>" without time namespaces.
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

typedef int (*gettime_t)(clockid_t, struct timespec *);

static gettime_t vdso_gettime;

static const struct {
	clockid_t clk;
	const char *name;
} clocks[] = {
	{ CLOCK_MONOTONIC,		"CLOCK_MONOTONIC" },
	{ CLOCK_MONOTONIC_COARSE,	"CLOCK_MONOTONIC_COARSE" },
	{ CLOCK_MONOTONIC_RAW,		"CLOCK_MONOTONIC_RAW" },
	{ CLOCK_BOOTTIME,		"CLOCK_BOOTTIME" },
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

static void measure(const char *where)
{
	unsigned int c;
	int rep, vdso;

	for (c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		for (vdso = 1; vdso >= 0; vdso--) {
			long n = vdso ? VDSO_CALLS : SYSCALL_CALLS;
			void (*loop)(clockid_t, long) = vdso ? loop_vdso :
							       loop_syscall;

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

/* Offsets of a day: the namespace's clocks differ from the host's. */
static int enter_timens(void)
{
	const char *offsets = "monotonic 86400 0\nboottime 86400 0\n";
	int fd;

	if (unshare(CLONE_NEWTIME))
		return -errno;
	fd = open("/proc/self/timens_offsets", O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, offsets, strlen(offsets)) < 0) {
		close(fd);
		return -errno;
	}
	close(fd);
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

int main(void)
{
	unsigned long base = getauxval(AT_SYSINFO_EHDR);
	int status, ret;
	pid_t pid;

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

	measure("host");

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		ret = enter_timens();
		if (ret) {
			printf("clockbench inside unavailable %d\n", -ret);
			return 0;
		}
		measure("inside");
		return 0;
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
