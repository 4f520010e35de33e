// spawn_capture against real processes (POSIX: /bin/sh is the test's
// program; the runner itself never goes through a shell).
#include "util/spawn.h"

#include <gtest/gtest.h>

namespace gs {
namespace {

// --bench's runs: stdout discarded, no time limit, the exit status (4, from
// req's script) still reported.
void expect_bench_run_exits_4(SpawnRequest req) {
  req.capture = false;
  SpawnResult r = spawn_capture(req);
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.out, "");
  EXPECT_GT(r.elapsed_ns, 0);
}

}  // namespace
}  // namespace gs

#if !defined(_WIN32)
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace gs {
namespace {

SpawnRequest sh(const std::string& script, int timeout_ms = 5000) {
  SpawnRequest r;
  r.program = "/bin/sh";
  r.args = {"-c", script};
  r.env = {{"PATH", "/usr/bin:/bin"}};
  r.timeout_ms = timeout_ms;
  return r;
}

// Gone, or a zombie nobody reaped yet (PID 1 in a container may not): either
// way it no longer runs.
bool process_gone(long pid) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(f, stat)) return true;
    size_t close = stat.rfind(')');
    if (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z') return true;
    usleep(10000);
  }
  return false;
}

TEST(Spawn, CapturesStdoutAndExitCode) {
  SpawnResult r = spawn_capture(sh("echo hello; exit 3"));
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "hello\n");
}

// This one outlives the default limit of 1000 ms.
TEST(Spawn, BenchRunsWaitWithoutLimitAndDiscardStdout) {
  expect_bench_run_exits_4(sh("echo dropped; sleep 1.5; exit 4", kNoTimeout));
}

TEST(Spawn, Argv0IsTheOneGiven) {
  SpawnRequest req = sh("echo $0");
  req.argv0 = "go";
  SpawnResult r = spawn_capture(req);
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.out, "go\n");
}

TEST(Spawn, EnvironmentIsExactlyTheOneGiven) {
  SpawnRequest req;
  req.program = "/usr/bin/env";
  req.env = {{"GOTOOLCHAIN", "local"}, {"A", "b c"}};
  SpawnResult r = spawn_capture(req);
  ASSERT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.out, "GOTOOLCHAIN=local\nA=b c\n");
}

TEST(Spawn, StdinIsEmptyAndStderrIsDropped) {
  SpawnResult r = spawn_capture(sh("cat; echo to-stderr >&2; echo done"));
  ASSERT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.out, "done\n");
}

TEST(Spawn, RunsInTheGivenDirectory) {
  SpawnRequest req = sh("pwd -P");
  req.cwd = "/";
  EXPECT_EQ(spawn_capture(req).out, "/\n");
}

TEST(Spawn, NoShellIsInvolved) {
  // The program gets its arguments verbatim: nothing expands them.
  SpawnRequest req;
  req.program = "/bin/echo";
  req.args = {"$HOME", "*", "a;b"};
  EXPECT_EQ(spawn_capture(req).out, "$HOME * a;b\n");
}

TEST(Spawn, MissingProgramFailsToStart) {
  SpawnRequest req;
  req.program = "/nonexistent/go";
  SpawnResult r = spawn_capture(req);
  EXPECT_EQ(r.status, SpawnStatus::failed_to_start);
  EXPECT_NE(r.error.find("No such file"), std::string::npos) << r.error;
}

TEST(Spawn, OutputIsCapped) {
  SpawnRequest req = sh("i=0; while [ $i -lt 2000 ]; do echo 0123456789; i=$((i+1)); done");
  req.max_output = 1000;
  SpawnResult r = spawn_capture(req);
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.out.size(), 1000u);
}

TEST(Spawn, TimeoutKillsTheProgramAndWhatItStarted) {
  char tmpl[] = "/tmp/gs-spawn-XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string pidfile = tmpl;
  // The script starts a child, records both pids, then hangs.
  SpawnResult r = spawn_capture(sh("sleep 60 & echo $$ $! > " + pidfile + "; wait", 300));
  EXPECT_EQ(r.status, SpawnStatus::timed_out);
  std::ifstream f(pidfile);
  long shell_pid = 0, sleep_pid = 0;
  f >> shell_pid >> sleep_pid;
  unlink(pidfile.c_str());
  ASSERT_GT(shell_pid, 0);
  ASSERT_GT(sleep_pid, 0);
  EXPECT_TRUE(process_gone(shell_pid));
  EXPECT_TRUE(process_gone(sleep_pid));
}

TEST(Spawn, ABackgroundChildHoldingStdoutDoesNotHoldTheCaller) {
  // The program answers and exits; what it left behind keeps the pipe open.
  // The answer counts, and the leftover is killed.
  char tmpl[] = "/tmp/gs-spawn-XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string pidfile = tmpl;
  SpawnResult r = spawn_capture(sh("echo answer; sleep 60 & echo $! > " + pidfile, 5000));
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "answer\n");
  std::ifstream f(pidfile);
  long sleep_pid = 0;
  f >> sleep_pid;
  unlink(pidfile.c_str());
  ASSERT_GT(sleep_pid, 0);
  EXPECT_TRUE(process_gone(sleep_pid));
}

#if defined(__linux__)
// A child that calls setsid() leaves the process group the timeout kills;
// it must not outlive the call either (it would hold the go binary, or a
// terminal, for ever).
TEST(Spawn, ADescendantThatCallsSetsidDoesNotSurvive) {
  char tmpl[] = "/tmp/gostatus-spawn-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string pidfile = std::string(tmpl) + "/pid";
  SpawnResult r = spawn_capture(sh("setsid sh -c 'echo $$ > " + pidfile + "; exec sleep 600' </dev/null >/dev/null 2>&1 &\n"
                                   "while [ ! -s " + pidfile + " ]; do sleep 0.01; done; echo started", 5000));
  EXPECT_EQ(r.status, SpawnStatus::exited) << r.error;
  EXPECT_EQ(r.out, "started\n");
  std::ifstream f(pidfile);
  long pid = 0;
  ASSERT_TRUE(f >> pid);
  EXPECT_TRUE(process_gone(pid)) << "the setsid child " << pid << " still runs";
  ::kill(static_cast<pid_t>(pid), SIGKILL);
  std::remove(pidfile.c_str());
  ::rmdir(tmpl);
}
#endif

// A script without a #! line: execve says ENOEXEC, and a shell would run it
// with /bin/sh (POSIX execvp does); so does the spawn.
TEST(Spawn, AScriptWithoutShebangRunsWithBinSh) {
  char tmpl[] = "/tmp/gostatus-spawn-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string prog = std::string(tmpl) + "/go";
  {
    std::ofstream f(prog);
    f << "echo \"go version go1.99.0 linux/amd64 $1\"\n";
  }
  ::chmod(prog.c_str(), 0755);
  SpawnRequest q;
  q.program = prog;
  q.args = {"version"};
  q.env = {{"PATH", "/usr/bin:/bin"}};
  SpawnResult r = spawn_capture(q);
  EXPECT_EQ(r.status, SpawnStatus::exited) << r.error;
  EXPECT_EQ(r.out, "go version go1.99.0 linux/amd64 version\n");
  std::remove(prog.c_str());
  ::rmdir(tmpl);
}

TEST(Spawn, KilledBySignalIsReported) {
  SpawnResult r = spawn_capture(sh("kill -TERM $$"));
  EXPECT_EQ(r.status, SpawnStatus::signaled);
  EXPECT_EQ(r.exit_code, SIGTERM);
}

}  // namespace
}  // namespace gs
#else  // _WIN32: the same behaviour through CreateProcessW and a job object.

namespace gs {
namespace {

SpawnRequest cmd(const std::string& script, int timeout_ms = 10000) {
  SpawnRequest r;
  r.program = "C:\\windows\\system32\\cmd.exe";
  r.args = {"/c", script};
  r.env = {{"SystemRoot", "C:\\windows"}, {"GOTOOLCHAIN", "local"}};
  r.timeout_ms = timeout_ms;
  return r;
}

TEST(Spawn, CapturesStdoutDropsStderrPassesTheEnvironment) {
  SpawnResult r = spawn_capture(cmd("echo %GOTOOLCHAIN%& echo to-stderr 1>&2"));
  EXPECT_EQ(r.status, SpawnStatus::exited);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "local\r\n");
}

TEST(Spawn, BenchRunsWaitWithoutLimitAndDiscardStdout) {
  expect_bench_run_exits_4(cmd("echo dropped& exit /b 4", kNoTimeout));
}

TEST(Spawn, TimeoutKillsTheProgram) {
  SpawnResult r = spawn_capture(cmd("for /l %i in (0,0,1) do @rem", 300));
  EXPECT_EQ(r.status, SpawnStatus::timed_out);
}

TEST(Spawn, MissingProgramFailsToStart) {
  SpawnRequest req = cmd("");
  req.program = "C:\\nonexistent\\go.exe";
  EXPECT_EQ(spawn_capture(req).status, SpawnStatus::failed_to_start);
}

}  // namespace
}  // namespace gs
#endif
