/* peak_rss PROGRAM [ARGS...]: runs PROGRAM and prints its peak RSS in KiB
   and its minor page faults (ru_maxrss ru_minflt).
   Linux counts the memory a child had before exec into its ru_maxrss, so
   the launcher must itself be tiny: bench/compare.sh builds this static and
   prints the no-op's figure as the floor. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  pid_t pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) return 1;
  printf("%ld %ld\n", ru.ru_maxrss, ru.ru_minflt);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
