// SPDX-License-Identifier: GPL-2.0
/*
 * rtns: run a command in a new time namespace in realtime mode, with its
 * own CLOCK_REALTIME (build/notes/realtime-abi.md).
 *
 *   rtns [-u] (-r SEC[.NSEC] | -t EPOCH[.NSEC]) [--] CMD [ARG...]
 *
 *   -u         a new user namespace too, the caller mapped to root in it
 *              (as unshare --user --map-root-user): the command then has
 *              CAP_SYS_TIME over the time namespace's owner and may set
 *              the namespace's clock (date -s) without any privilege on
 *              the host
 *   -r OFFSET  the namespace's CLOCK_REALTIME is the host's plus OFFSET
 *   -t EPOCH   the namespace's CLOCK_REALTIME reads EPOCH now (the offset
 *              is EPOCH minus the host's clock, read just before the write)
 *
 * util-linux 2.38's unshare has no realtime option, and the realtime line
 * must be written before the first task enters the namespace, so unshare
 * --time followed by a write from inside is too late. rtns unshares (the
 * new time namespace is its namespace for children), writes "realtime S N"
 * to /proc/self/timens_offsets, forks the command into it and returns its
 * exit status (128 + the signal if it was killed).
 *
 * Its own failures exit 125 with one line on stderr; a kernel without
 * realtime mode refuses the line with EINVAL:
 *   rtns: kernel refused realtime line (EINVAL)
 * Static, so that no LD_PRELOAD reaches it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

#define FAIL	125

static void __attribute__((noreturn)) fail(const char *what)
{
	int err = errno;

	fprintf(stderr, "rtns: %s (%s: %s)\n", what,
		strerrorname_np(err) ? strerrorname_np(err) : "?", strerror(err));
	exit(FAIL);
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "usage: rtns [-u] (-r SEC[.NSEC] | -t EPOCH[.NSEC]) [--] CMD [ARG...]\n");
	exit(FAIL);
}

/* "S" or "S.F" (F up to nine digits), S possibly negative, into ns. */
static int parse_ns(const char *s, long long *ns)
{
	long long sec, frac = 0;
	int neg = *s == '-', digits = 0;
	char *end;

	errno = 0;
	sec = strtoll(s, &end, 10);
	if (errno || end == s || (*end && *end != '.'))
		return -1;
	if (*end == '.') {
		for (end++; *end >= '0' && *end <= '9' && digits < 9; end++, digits++)
			frac = frac * 10 + (*end - '0');
		if (*end || !digits)
			return -1;
		for (; digits < 9; digits++)
			frac *= 10;
	}
	if (sec > 9000000000LL || sec < -9000000000LL)
		return -1;
	*ns = sec * 1000000000LL + (neg ? -frac : frac);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	char what[128];
	int fd = open(path, O_WRONLY);

	snprintf(what, sizeof(what), "cannot write %s", path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail(what);
	close(fd);
}

int main(int argc, char **argv)
{
	long long value = 0, offset;
	int opt, userns = 0, have = 0, absolute = 0, status, fd, err;
	char line[80];
	struct timespec now;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+ur:t:")) != -1) {
		switch (opt) {
		case 'u':
			userns = 1;
			break;
		case 'r':
		case 't':
			if (have++ || parse_ns(optarg, &value))
				usage();
			absolute = opt == 't';
			break;
		default:
			usage();
		}
	}
	if (!have || optind >= argc)
		usage();

	if (userns) {
		uid_t uid = geteuid();
		gid_t gid = getegid();
		char map[64];

		if (unshare(CLONE_NEWUSER | CLONE_NEWTIME))
			fail("unshare(CLONE_NEWUSER|CLONE_NEWTIME)");
		/* An unprivileged writer may map only itself, and only after
		 * denying setgroups(): as unshare --map-root-user does. */
		write_file("/proc/self/setgroups", "deny");
		snprintf(map, sizeof(map), "0 %u 1", uid);
		write_file("/proc/self/uid_map", map);
		snprintf(map, sizeof(map), "0 %u 1", gid);
		write_file("/proc/self/gid_map", map);
	} else if (unshare(CLONE_NEWTIME)) {
		fail("unshare(CLONE_NEWTIME)");
	}

	offset = value;
	if (absolute) {
		clock_gettime(CLOCK_REALTIME_COARSE, &now);
		offset -= now.tv_sec * 1000000000LL + now.tv_nsec;
	}
	/* The kernel's format: seconds, then nanoseconds in [0, 1e9). */
	snprintf(line, sizeof(line), "realtime %lld %lld\n",
		 offset >= 0 ? offset / 1000000000LL : -((-offset + 999999999LL) / 1000000000LL),
		 ((offset % 1000000000LL) + 1000000000LL) % 1000000000LL);
	fd = open("/proc/self/timens_offsets", O_WRONLY);
	if (fd < 0)
		fail("cannot open /proc/self/timens_offsets");
	if (write(fd, line, strlen(line)) < 0) {
		err = errno;
		fprintf(stderr, "rtns: kernel refused realtime line (%s)\n",
			strerrorname_np(err) ? strerrorname_np(err) : strerror(err));
		exit(FAIL);
	}
	close(fd);

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "rtns: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
