#include "server_fixture.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace alin::test {

namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t msSince(SteadyClock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start).count();
}

}  // namespace

// [SECTION] Files ----------------------------------------------------------------

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "alin-server-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

std::string readTextFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeTextFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

// [SECTION] Child process --------------------------------------------------------

ChildProcess::ChildProcess(const Options& options) {
    // Environment: inherited, minus the removed prefixes, plus the overrides.
    std::vector<std::string> envStrings;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        std::string name = entry.substr(0, entry.find('='));
        bool drop = options.env.count(name) > 0;
        for (const auto& prefix : options.removeEnv) {
            if (name.rfind(prefix, 0) == 0) drop = true;
        }
        if (!drop) envStrings.push_back(entry);
    }
    for (const auto& [k, v] : options.env) envStrings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : envStrings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argStrings = options.argv;
    std::vector<char*> argv;
    for (auto& s : argStrings) argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    int pipeFds[2] = {-1, -1};
    if (options.stdoutFile) {
        posix_spawn_file_actions_addopen(&actions, 1, options.stdoutFile->c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    } else {
        if (pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    }
    posix_spawn_file_actions_addopen(&actions, 2, options.stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

    // The test runner may block signals; the child starts with a clean mask.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);

    int rc = posix_spawn(&pid_, argv[0], &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (pipeFds[1] >= 0) close(pipeFds[1]);
    if (rc != 0) {
        if (pipeFds[0] >= 0) close(pipeFds[0]);
        throw std::runtime_error(std::string("posix_spawn ") + argv[0] + ": " + std::strerror(rc));
    }
    stdoutPipe_ = pipeFds[0];
}

ChildProcess::~ChildProcess() {
    if (running()) stop(SIGTERM, 5000);
    if (stdoutPipe_ >= 0) close(stdoutPipe_);
}

bool ChildProcess::running() {
    if (status_) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = status;
        return false;
    }
    return r == 0;
}

int ChildProcess::stop(int signal, int timeoutMs) {
    if (status_) return *status_;
    kill(pid_, signal);
    auto start = SteadyClock::now();
    while (msSince(start) < timeoutMs) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = status;
            return status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = status;
    return -1;
}

std::optional<std::string> ChildProcess::readLine(int timeoutMs) {
    auto start = SteadyClock::now();
    while (true) {
        auto nl = pending_.find('\n');
        if (nl != std::string::npos) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            return line;
        }
        int left = timeoutMs - static_cast<int>(msSince(start));
        if (left <= 0 || stdoutPipe_ < 0) return std::nullopt;
        pollfd p{stdoutPipe_, POLLIN, 0};
        if (poll(&p, 1, left) <= 0) return std::nullopt;
        char buf[4096];
        ssize_t n = read(stdoutPipe_, buf, sizeof buf);
        if (n <= 0) return std::nullopt;
        pending_.append(buf, static_cast<size_t>(n));
    }
}

std::string ChildProcess::readRest(int timeoutMs) {
    std::string out = std::move(pending_);
    pending_.clear();
    auto start = SteadyClock::now();
    while (stdoutPipe_ >= 0) {
        int left = timeoutMs - static_cast<int>(msSince(start));
        if (left <= 0) break;
        pollfd p{stdoutPipe_, POLLIN, 0};
        if (poll(&p, 1, left) <= 0) break;
        char buf[4096];
        ssize_t n = read(stdoutPipe_, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

// [SECTION] Network helpers -------------------------------------------------------

int freeLoopbackPort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    int port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

bool waitForTcp(int port, int timeoutMs) {
    auto start = SteadyClock::now();
    while (msSince(start) < timeoutMs) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        close(fd);
        if (rc == 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::string HttpResult::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string sessionCookieValue(const HttpResult& r) {
    auto range = r.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const std::string& v = it->second;
        if (v.rfind("alin_session=", 0) == 0) {
            auto end = v.find(';');
            return v.substr(13, end == std::string::npos ? std::string::npos : end - 13);
        }
    }
    return {};
}

httplib::Headers cookieHeader(const std::string& token) {
    return {{"Cookie", "alin_session=" + token}};
}

// [SECTION] Server process -------------------------------------------------------

ServerProcess::ServerProcess(std::map<std::string, std::string> env) {
    fs::create_directories(dir_.path / "web");
    env.emplace("ALIN_ENV", "test");
    env.emplace("PORT", "0");
    env.emplace("HOST", "127.0.0.1");
    env.emplace("ALIN_DB", (dir_.path / "db" / "alin.db").string());
    env.emplace("ALIN_WEB_ROOT", (dir_.path / "web").string());
    // An empty database unless a test asks for the demo accounts (ALIN_DEMO_ACCOUNTS=1).
    env.emplace("ALIN_DEMO_ACCOUNTS", "0");

    ChildProcess::Options options;
    options.argv = {ALIN_SERVER_EXE};
    options.env = std::move(env);
    options.removeEnv = {"ALIN_", "PORT", "HOST"};
    options.stderrFile = dir_.path / "server.log";
    child_ = std::make_unique<ChildProcess>(options);

    auto line = child_->readLine(15000);
    if (!line) {
        child_->stop(SIGKILL, 1000);
        FAIL("the server did not print its start-up line; log:\n" << log());
    }
    startLine_ = *line;
    std::smatch m;
    static const std::regex kStart(R"(AL'in server listening on http://127\.0\.0\.1:(\d+)/)");
    if (!std::regex_match(startLine_, m, kStart)) FAIL("unexpected start-up line: " << startLine_);
    port_ = std::stoi(m[1]);

    auto start = SteadyClock::now();
    while (true) {
        auto r = get("/api/v1/health");
        if (r.status == 200) break;
        if (msSince(start) > 10000) FAIL("the server does not answer /api/v1/health; log:\n" << log());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

ServerProcess::~ServerProcess() {
    if (!child_) return;
    const bool wasRunning = child_->running();
    const int status = child_->stop(SIGTERM, 10000);
    // Sanitizer findings of the server (ASan/UBSan/TSan builds) end up in its
    // log, not in this process: report them here.
    const std::string text = log();
    for (const char* marker :
         {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer", "runtime error:"}) {
        if (text.find(marker) != std::string::npos) {
            ADD_FAIL_CHECK_AT(__FILE__, __LINE__, ("sanitizer report in the server log:\n" + text));
        }
    }
    if (wasRunning && (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        ADD_FAIL_CHECK_AT(
            __FILE__, __LINE__,
            ("the server did not stop cleanly on SIGTERM (wait status " + std::to_string(status) + "); log:\n" + text));
    }
}

std::string ServerProcess::log() const {
    return readTextFile(dir_.path / "server.log");
}

httplib::Client ServerProcess::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(60);  // Argon2id verifications take a while
    c.set_write_timeout(10);
    return c;
}

HttpResult toResult(const httplib::Result& res) {
    HttpResult r;
    if (!res) return r;
    r.status = res->status;
    r.raw = res->body;
    r.headers = res->headers;
    r.body = Json::parse(res->body, nullptr, false);
    return r;
}

HttpResult ServerProcess::get(const std::string& path, const httplib::Headers& headers) const {
    auto c = client();
    return toResult(c.Get(path, headers));
}

HttpResult ServerProcess::post(const std::string& path, const Json& body, const httplib::Headers& headers) const {
    return postRaw(path, body.dump(), headers);
}

HttpResult ServerProcess::postRaw(const std::string& path, const std::string& body,
                                  const httplib::Headers& headers) const {
    auto c = client();
    return toResult(c.Post(path, headers, body, "application/json"));
}

HttpResult ServerProcess::del(const std::string& path, const httplib::Headers& headers) const {
    auto c = client();
    return toResult(c.Delete(path, headers));
}

HttpResult ServerProcess::signup(const std::string& email, const std::string& firstName) const {
    return post("/api/v1/accounts", {{"birthName", "Dupont"},
                                     {"firstName", firstName},
                                     {"phone", "06 04 50 57 92"},
                                     {"email", email},
                                     {"consent", true}});
}

Json ServerProcess::mailbox(const std::string& to) const {
    auto r = get("/api/v1/dev/mailbox?to=" + httplib::detail::encode_query_param(to));
    REQUIRE_MESSAGE(r.status == 200, "mailbox: " << r.raw);
    REQUIRE(r.body["messages"].is_array());
    return r.body["messages"];
}

std::string ServerProcess::latestLinkToken(const std::string& to) const {
    Json messages = mailbox(to);
    REQUIRE_MESSAGE(!messages.empty(), "no e-mail for " << to);
    Json links = messages[0]["links"];
    REQUIRE_MESSAGE(links.size() >= 1, "no link in: " << messages[0].dump());
    std::string url = links[0]["url"].get<std::string>();
    // The token is the long hex run at the end of the link ("...#/activation/<hex>").
    static const std::regex kToken(R"(([0-9a-fA-F]{32,})[^/]*$)");
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(url, m, kToken), "no token in " << url);
    return m[1];
}

HttpResult ServerProcess::setPassword(const std::string& token, const std::string& password) const {
    return post("/api/v1/links/" + token + "/password", {{"password", password}, {"confirmation", password}});
}

void ServerProcess::createActiveAccount(const std::string& email, const std::string& password) const {
    REQUIRE(signup(email).status == 202);
    auto r = setPassword(latestLinkToken(email), password);
    REQUIRE_MESSAGE(r.status == 200, r.raw);
}

HttpResult ServerProcess::login(const std::string& email, const std::string& password) const {
    return post("/api/v1/session", {{"email", email}, {"password", password}});
}

void ServerProcess::advanceClock(int64_t seconds) const {
    auto r = post("/api/v1/dev/clock", {{"advanceSeconds", seconds}});
    REQUIRE_MESSAGE(r.status == 200, r.raw);
}

}  // namespace alin::test
