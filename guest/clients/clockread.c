// SPDX-License-Identifier: GPL-2.0
/*
 * clockread: print CLOCK_MONOTONIC and CLOCK_BOOTTIME as a container sees
 * them, through the vDSO and through the system call, one line each:
 *
 *   monotonic VDSO SYSCALL
 *   boottime VDSO SYSCALL
 *
 * in seconds with nanoseconds. Static, so that it runs in any rootfs.
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	static const struct { clockid_t id; const char *name; } clocks[] = {
		{ CLOCK_MONOTONIC, "monotonic" }, { CLOCK_BOOTTIME, "boottime" },
	};
	struct timespec v, s;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (clock_gettime(clocks[i].id, &v) ||
		    syscall(SYS_clock_gettime, clocks[i].id, &s)) {
			perror("clock_gettime");
			return 1;
		}
		printf("%s %lld.%09ld %lld.%09ld\n", clocks[i].name,
		       (long long)v.tv_sec, v.tv_nsec,
		       (long long)s.tv_sec, s.tv_nsec);
	}
	return 0;
}
