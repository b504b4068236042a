// SPDX-License-Identifier: GPL-2.0
/*
 * clockcheck: what a program sees of CLOCK_REALTIME, for make
 * compare-faketime. Built twice from this file, dynamic (libfaketime's
 * LD_PRELOAD reaches it) and static (no preload can).
 *
 *   clockcheck read         realtime=S.N gettimeofday=S.U time=S
 *                           clock_gettime(CLOCK_REALTIME), gettimeofday()
 *                           and time(), through libc as programs call them
 *   clockcheck abssleep S   start=S.N deadline=S.N woke=S.N rc=R real=S.N
 *                           clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME)
 *                           to the clock's now plus S seconds; real: the
 *                           time it really slept (CLOCK_MONOTONIC)
 *   clockcheck bench N      bench calls=N ns=NS
 *                           N clock_gettime(CLOCK_REALTIME) calls through
 *                           libc; NS: guest nanoseconds they took (under
 *                           QEMU -icount shift=0, instructions)
 *   clockcheck host         rt=S.N mono=S.N
 *                           the real clocks, by system call
 *   clockcheck restore RT MONO
 *                           set CLOCK_REALTIME to RT plus the
 *                           CLOCK_MONOTONIC time since MONO: undo a change
 *                           of the host's clock since "host" printed them
 *
 * The real clocks (the stopwatch, host, restore) go through syscall(3):
 * libfaketime 0.9.10 as Debian builds it wraps clock_gettime(),
 * clock_nanosleep() and the like, but not syscall(), so they are the
 * kernel's own readings even under LD_PRELOAD.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define NSEC	1000000000LL

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * NSEC + ts->tv_nsec;
}

static long long real_clock(clockid_t clk)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clk, &ts)) {
		perror("clock_gettime");
		exit(1);
	}
	return ns_of(&ts);
}

/* S.NNNNNNNNN, negative values too */
static const char *fmt_ns(long long ns, char *buf, size_t len)
{
	snprintf(buf, len, "%s%lld.%09lld", ns < 0 ? "-" : "",
		 llabs(ns) / NSEC, llabs(ns) % NSEC);
	return buf;
}

static int do_read(void)
{
	struct timespec ts;
	struct timeval tv;
	time_t t;
	char a[32];

	if (clock_gettime(CLOCK_REALTIME, &ts) || gettimeofday(&tv, NULL)) {
		perror("clockcheck");
		return 1;
	}
	t = time(NULL);
	printf("realtime=%s gettimeofday=%lld.%06ld time=%lld\n",
	       fmt_ns(ns_of(&ts), a, sizeof(a)), (long long)tv.tv_sec,
	       (long)tv.tv_usec, (long long)t);
	return 0;
}

static int do_abssleep(long secs)
{
	struct timespec start, deadline, woke;
	long long r0, r1;
	char a[32], b[32], c[32], d[32];
	int rc;

	clock_gettime(CLOCK_REALTIME, &start);
	deadline = start;
	deadline.tv_sec += secs;
	r0 = real_clock(CLOCK_MONOTONIC);
	rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &deadline, NULL);
	r1 = real_clock(CLOCK_MONOTONIC);
	clock_gettime(CLOCK_REALTIME, &woke);
	printf("start=%s deadline=%s woke=%s rc=%d real=%s\n",
	       fmt_ns(ns_of(&start), a, sizeof(a)),
	       fmt_ns(ns_of(&deadline), b, sizeof(b)),
	       fmt_ns(ns_of(&woke), c, sizeof(c)), rc,
	       fmt_ns(r1 - r0, d, sizeof(d)));
	return 0;
}

static __attribute__((noinline)) void loop(long n)
{
	struct timespec ts;
	long i;

	for (i = 0; i < n; i++)
		clock_gettime(CLOCK_REALTIME, &ts);
}

static int do_bench(long n)
{
	long long t0, t1;

	loop(n / 100);	/* warm up: the preload's first call sets itself up */
	t0 = real_clock(CLOCK_MONOTONIC_RAW);
	loop(n);
	t1 = real_clock(CLOCK_MONOTONIC_RAW);
	printf("bench calls=%ld ns=%lld\n", n, t1 - t0);
	return 0;
}

static int do_host(void)
{
	char a[32], b[32];

	printf("rt=%s mono=%s\n", fmt_ns(real_clock(CLOCK_REALTIME), a, sizeof(a)),
	       fmt_ns(real_clock(CLOCK_MONOTONIC), b, sizeof(b)));
	return 0;
}

/* S.N as printed above, into ns */
static long long parse_ns(const char *s)
{
	long long sec = 0, frac = 0;
	int digits = 0;

	sscanf(s, "%lld", &sec);
	s = strchr(s, '.');
	if (s)
		for (s++; *s >= '0' && *s <= '9' && digits < 9; s++, digits++)
			frac = frac * 10 + (*s - '0');
	for (; digits < 9; digits++)
		frac *= 10;
	return sec * NSEC + frac;
}

static int do_restore(const char *rt, const char *mono)
{
	long long want = parse_ns(rt) + real_clock(CLOCK_MONOTONIC) - parse_ns(mono);
	long long was = real_clock(CLOCK_REALTIME);
	struct timespec ts = { want / NSEC, want % NSEC };
	char a[32];

	if (syscall(SYS_clock_settime, CLOCK_REALTIME, &ts)) {
		perror("clock_settime");
		return 1;
	}
	printf("restored: moved the clock by %s s\n", fmt_ns(want - was, a, sizeof(a)));
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "read") && argc == 2)
		return do_read();
	if (!strcmp(mode, "abssleep") && argc == 3)
		return do_abssleep(atol(argv[2]));
	if (!strcmp(mode, "bench") && argc == 3)
		return do_bench(atol(argv[2]));
	if (!strcmp(mode, "host") && argc == 2)
		return do_host();
	if (!strcmp(mode, "restore") && argc == 4)
		return do_restore(argv[2], argv[3]);
	fprintf(stderr, "usage: clockcheck read | abssleep S | bench N | host | restore RT MONO\n");
	return 2;
}
