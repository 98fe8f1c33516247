// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench-reap [--limit MS] -- COMMAND...: how long the kernel takes to
 * let a killed cmbench go. Starts COMMAND (a long cmbench run), waits
 * until it is inside the module's loop (it has spent 200 ms in the
 * kernel), sends SIGKILL and times how long until it is reaped. Past
 * 100 ms it prints where each of its threads waits (/proc/PID/task/
 * TID/stack), once: the diagnosis of a slow reap. Prints one line,
 *
 *   reap MS mid_run=yes|no
 *
 * and exits 0 when reaped within --limit (default 2000 ms), 1 when not
 * (it then waits on, up to a minute, so the device is free after).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The process's system time so far, ms (/proc/PID/stat, field 15). */
static double kernel_ms(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long stime = 0;
	int fd, n, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* After the command's name, which may hold spaces: ") S ppid ..." */
	p = strrchr(buf, ')');
	for (field = 2; p && field < 15; field++)
		p = strchr(p + 1, ' ');
	if (p)
		stime = strtoul(p + 1, NULL, 10);
	return stime * 1e3 / sysconf(_SC_CLK_TCK);
}

/* Where each thread of pid waits, as "# " lines. */
static void stacks(pid_t pid)
{
	char path[300], line[256];
	struct dirent *e;
	DIR *d;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stack", (int)pid, e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		printf("# thread %s:\n", e->d_name);
		while (fgets(line, sizeof(line), f))
			printf("#   %s", line);
		fclose(f);
	}
	closedir(d);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	double limit = 2000, t0, k0, ms;
	int i = 1, status, mid_run = 0, shown = 0;
	pid_t pid;

	if (i + 1 < argc && !strcmp(argv[i], "--limit")) {
		limit = atof(argv[i + 1]);
		i += 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: cmbench-reap [--limit MS] -- COMMAND...\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("cmbench-reap: fork");
		return 2;
	}
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[i], argv + i);
		_exit(127);
	}
	/* Inside the loop: 200 ms in the kernel, within 20 s. */
	t0 = now_ms();
	k0 = kernel_ms(pid);
	while (now_ms() - t0 < 20000 && waitpid(pid, &status, WNOHANG) == 0) {
		usleep(20000);
		if (kernel_ms(pid) - k0 >= 200) {
			mid_run = 1;
			break;
		}
	}
	kill(pid, SIGKILL);
	t0 = now_ms();
	while ((ms = now_ms() - t0) < 60000) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid || (r < 0 && errno == ECHILD))
			break;
		if (ms > 100 && !shown) {
			printf("# not reaped %.0f ms after SIGKILL; where it waits:\n", ms);
			stacks(pid);
			shown = 1;
		}
		usleep(200);
	}
	printf("reap %.1f mid_run=%s\n", ms, mid_run ? "yes" : "no");
	return ms <= limit ? 0 : 1;
}
