// SPDX-License-Identifier: GPL-2.0
/*
 * clockwatch: the program CRIU checkpoints and restores in make
 * check-clients (guest/clients/criu-*.sh).
 *
 *   clockwatch LOG SECONDS
 *
 * Reads CLOCK_MONOTONIC and CLOCK_BOOTTIME every 20 ms, through the vDSO
 * (clock_gettime()) and through the system call, and appends to LOG:
 *
 *   pid PID                   once, at the start
 *   armed timerfd=S nanosleep=S
 *   tick mono=S boot=S syscall mono=S
 *                             every half second (vDSO, and the syscall)
 *   skew CLOCK vdso=S syscall=S
 *                             the system call, read right after the
 *                             vDSO, read lower, or more than 0.2 s higher
 *   gap CLOCK SRC last=S now=S gap=S
 *                             a reading more than half a second after the
 *                             one before (the time the task was frozen)
 *   back CLOCK SRC last=S now=S
 *                             a reading lower than the one before
 *   timerfd deadline=S now=S late_ns=N
 *   nanosleep deadline=S now=S late_ns=N
 *                             the timers armed at the start, SECONDS ahead
 *                             in the task's time: an absolute
 *                             CLOCK_MONOTONIC timerfd and a thread in
 *                             clock_nanosleep(CLOCK_BOOTTIME, TIMER_ABSTIME)
 *   done back=N               both timers fired; the program exits 0
 *
 * Times are seconds with nanoseconds (late_ns: nanoseconds, negative
 * if early). The program calls setsid() so that
 * CRIU can dump it as a tree of its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int log_fd;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int nanosleep_done;

static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&log_lock);
	if (write(log_fd, buf, n) != n)
		exit(2);
	pthread_mutex_unlock(&log_lock);
}

static int64_t ns_of(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

/* seconds.nanoseconds, for the log */
#define SEC(ns) (long long)((ns) / 1000000000), (long)((ns) % 1000000000)
#define SECFMT "%lld.%09ld"

static int64_t now_vdso(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts))
		exit(3);
	return ns_of(&ts);
}

static int64_t now_sys(clockid_t clk)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clk, &ts))
		exit(3);
	return ns_of(&ts);
}

static int64_t nanosleep_deadline;

static void *sleeper(void *arg)
{
	struct timespec ts = {
		.tv_sec = nanosleep_deadline / 1000000000,
		.tv_nsec = nanosleep_deadline % 1000000000,
	};
	int64_t now;
	int err;

	(void)arg;
	do {
		err = clock_nanosleep(CLOCK_BOOTTIME, TIMER_ABSTIME, &ts, NULL);
	} while (err == EINTR);
	if (err)
		exit(4);
	now = now_sys(CLOCK_BOOTTIME);
	say("nanosleep deadline=" SECFMT " now=" SECFMT " late_ns=%lld\n",
	    SEC(nanosleep_deadline), SEC(now),
	    (long long)(now - nanosleep_deadline));
	nanosleep_done = 1;
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct { clockid_t id; const char *name; } clocks[] = {
		{ CLOCK_MONOTONIC, "mono" }, { CLOCK_BOOTTIME, "boot" },
	};
	int64_t last[2][2], next_tick, tfd_deadline, now;
	struct itimerspec its = { 0 };
	int tfd, tfd_done = 0, backs = 0, i, src;
	pthread_t thread;

	if (argc != 3) {
		fprintf(stderr, "usage: clockwatch LOG SECONDS\n");
		return 1;
	}
	log_fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		perror(argv[1]);
		return 1;
	}
	setsid();
	say("pid %d\n", getpid());

	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (tfd < 0)
		return 5;
	tfd_deadline = now_vdso(CLOCK_MONOTONIC) + atoll(argv[2]) * 1000000000LL;
	its.it_value.tv_sec = tfd_deadline / 1000000000;
	its.it_value.tv_nsec = tfd_deadline % 1000000000;
	if (timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL))
		return 5;
	nanosleep_deadline = now_vdso(CLOCK_BOOTTIME) + atoll(argv[2]) * 1000000000LL;
	if (pthread_create(&thread, NULL, sleeper, NULL))
		return 5;
	say("armed timerfd=" SECFMT " nanosleep=" SECFMT "\n",
	    SEC(tfd_deadline), SEC(nanosleep_deadline));

	for (i = 0; i < 2; i++) {
		last[i][0] = now_vdso(clocks[i].id);
		last[i][1] = now_sys(clocks[i].id);
	}
	next_tick = last[0][0];
	while (!tfd_done || !nanosleep_done) {
		struct pollfd pfd = { .fd = tfd, .events = POLLIN };
		uint64_t ticks;

		for (i = 0; i < 2; i++) {
			for (src = 0; src < 2; src++) {
				now = src ? now_sys(clocks[i].id) : now_vdso(clocks[i].id);
				if (now < last[i][src]) {
					backs++;
					say("back %s %s last=" SECFMT " now=" SECFMT "\n",
					    clocks[i].name, src ? "syscall" : "vdso",
					    SEC(last[i][src]), SEC(now));
				} else if (now - last[i][src] > 500000000) {
					say("gap %s %s last=" SECFMT " now=" SECFMT " gap=" SECFMT "\n",
					    clocks[i].name, src ? "syscall" : "vdso",
					    SEC(last[i][src]), SEC(now), SEC(now - last[i][src]));
				}
				last[i][src] = now;
			}
		}
		/* the system call is read after the vDSO, never much later */
		for (i = 0; i < 2; i++) {
			if (last[i][1] < last[i][0] ||
			    last[i][1] - last[i][0] > 200000000)
				say("skew %s vdso=" SECFMT " syscall=" SECFMT "\n",
				    clocks[i].name, SEC(last[i][0]), SEC(last[i][1]));
		}
		if (last[0][0] >= next_tick) {
			say("tick mono=" SECFMT " boot=" SECFMT " syscall mono=" SECFMT "\n",
			    SEC(last[0][0]), SEC(last[1][0]), SEC(last[0][1]));
			next_tick = last[0][0] + 500000000;
		}
		if (!tfd_done && poll(&pfd, 1, 20) == 1 &&
		    read(tfd, &ticks, sizeof(ticks)) == sizeof(ticks)) {
			now = now_vdso(CLOCK_MONOTONIC);
			say("timerfd deadline=" SECFMT " now=" SECFMT " late_ns=%lld\n",
			    SEC(tfd_deadline), SEC(now),
			    (long long)(now - tfd_deadline));
			tfd_done = 1;
		} else if (tfd_done) {
			usleep(20000);
		}
	}
	say("done back=%d\n", backs);
	return 0;
}
