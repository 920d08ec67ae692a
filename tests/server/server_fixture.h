// Test fixture: the real alin_server executable started as a child process on
// a free loopback port with a fresh database, plus small HTTP/JSON helpers.
#pragma once
#include <httplib.h>
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace alin::test {

using Json = nlohmann::json;
using Env = std::map<std::string, std::string>;
namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed with its content.
struct TempDir {
    fs::path path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::string readTextFile(const fs::path& path);
void writeTextFile(const fs::path& path, const std::string& content);

// A child process (posix_spawn) with its stdout in a pipe or a file and its
// stderr in a file. The destructor stops it (SIGTERM, then SIGKILL).
class ChildProcess {
public:
    struct Options {
        std::vector<std::string> argv;
        std::map<std::string, std::string> env;  // added to / overriding the current environment
        std::vector<std::string> removeEnv;      // prefixes removed from the inherited environment
        std::optional<fs::path> stdoutFile;      // else a pipe, read with readLine()
        fs::path stderrFile;
    };
    explicit ChildProcess(const Options& options);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // One line from the stdout pipe (without '\n'); nullopt on timeout or EOF.
    std::optional<std::string> readLine(int timeoutMs);
    // Everything left in the stdout pipe until EOF (after the child exited).
    std::string readRest(int timeoutMs);
    bool running();
    // Sends `signal` and waits; returns the raw wait status, or -1 if it had to be killed.
    int stop(int signal, int timeoutMs = 10000);

private:
    pid_t pid_ = -1;
    int stdoutPipe_ = -1;
    std::string pending_;
    std::optional<int> status_;
};

struct HttpResult {
    int status = 0;  // 0: no answer
    Json body;       // parsed body, or discarded when not JSON
    std::string raw;
    httplib::Headers headers;
    std::string header(const std::string& name) const;
};

// The real server: ALIN_ENV=test by default, PORT=0 (the port is read from its
// start-up line), a fresh database in a temp folder, an empty web root, no demo
// accounts (ALIN_DEMO_ACCOUNTS=0; pass "1" to have them).
class ServerProcess {
public:
    explicit ServerProcess(std::map<std::string, std::string> env = {});
    ~ServerProcess();

    int port() const { return port_; }
    const std::string& startLine() const { return startLine_; }
    const TempDir& dir() const { return dir_; }
    std::string log() const;  // the server's stderr so far
    ChildProcess& process() { return *child_; }

    httplib::Client client() const;
    HttpResult get(const std::string& path, const httplib::Headers& headers = {}) const;
    HttpResult post(const std::string& path, const Json& body, const httplib::Headers& headers = {}) const;
    HttpResult postRaw(const std::string& path, const std::string& body, const httplib::Headers& headers = {}) const;
    HttpResult del(const std::string& path, const httplib::Headers& headers = {}) const;

    // API helpers.
    HttpResult signup(const std::string& email, const std::string& firstName = "Jean") const;
    Json mailbox(const std::string& to) const;                 // the "messages" array
    std::string latestLinkToken(const std::string& to) const;  // from the newest e-mail's link
    HttpResult setPassword(const std::string& token, const std::string& password) const;
    // Sign-up + password through the e-mailed link.
    void createActiveAccount(const std::string& email, const std::string& password) const;
    HttpResult login(const std::string& email, const std::string& password) const;
    void advanceClock(int64_t seconds) const;

private:
    TempDir dir_;
    std::unique_ptr<ChildProcess> child_;
    int port_ = 0;
    std::string startLine_;
};

// "alin_session=abc; Path=/; HttpOnly" -> "abc" (empty if absent).
std::string sessionCookieValue(const HttpResult& r);
httplib::Headers cookieHeader(const std::string& token);
// A client's reply as the tests read it (status 0: no answer).
HttpResult toResult(const httplib::Result& res);
// A port free right now on 127.0.0.1.
int freeLoopbackPort();
bool waitForTcp(int port, int timeoutMs);

inline constexpr const char* kStrongPassword = "Logement2025";

}  // namespace alin::test
