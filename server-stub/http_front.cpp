#include "http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace alin::server {

// [SECTION] The event loop -----------------------------------------------------

namespace {

using Clock = std::chrono::steady_clock;

enum class ConnState { Reading, Busy, Writing, Draining };

struct Conn {
    int fd = -1;
    std::string peer;
    int peerPort = 0;
    bool countedPerClient = false;  // in perClient (not a trusted proxy)
    // Written by a worker when it hands a kept-alive connection straight back.
    std::atomic<ConnState> state{ConnState::Reading};
    // epoll registration, one-shot: an event disarms the descriptor until re-armed.
    bool registered = false;
    bool armed = false;
    uint32_t armedEvents = 0;
    std::string in;
    size_t scanned = 0;        // bytes of `in` already searched for the end of the headers
    bool headersSeen = false;  // the end of the header section is in `in`
    bool requestStarted = false;
    bool sentContinue = false;
    bool peerClosed = false;
    Clock::time_point requestStart{};
    Clock::time_point lastActivity{};
    Clock::time_point drainUntil{};
    // Output (the worker fills it while Busy; the loop afterwards).
    std::string out;
    size_t outSent = 0;
    bool closeAfterWrite = false;
    bool writeFailed = false;
};

struct Job {
    Conn* conn = nullptr;
    httplib::Request req;
    bool keepAlive = true;
    Clock::time_point received{};
};

constexpr uint64_t kListenTag = ~uint64_t(0);
constexpr uint64_t kWakeTag = ~uint64_t(0) - 1;

// Sends what the socket takes now; false on a hard error.
bool sendSome(Conn& c) {
    while (c.outSent < c.out.size()) {
        ssize_t n = ::send(c.fd, c.out.data() + c.outSent, c.out.size() - c.outSent, MSG_NOSIGNAL);
        if (n > 0) {
            c.outSent += static_cast<size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;
        } else {
            return false;
        }
    }
    return true;
}

std::string addressText(const sockaddr_storage& ss, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (ss.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
        ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
        port = ntohs(a->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
        ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
        port = ntohs(a->sin6_port);
        // IPv4-mapped addresses count as their IPv4 address.
        if (std::strncmp(text, "::ffff:", 7) == 0 && std::strchr(text + 7, '.') != nullptr) {
            return std::string(text + 7);
        }
    }
    return text;
}

}  // namespace

struct HttpFront::Impl {
    HttpLimits limits;
    Handler handler;
    ErrorFiller errors;
    Logger logger;

    int listenFd = -1;
    int epollFd = -1;
    int wakeFd = -1;
    int spareFd = -1;  // released to accept-and-close when out of descriptors
    std::atomic<bool> stopping{false};
    std::atomic<bool> running{false};

    // Loop-thread state.
    std::unordered_map<int, std::unique_ptr<Conn>> conns;
    std::unordered_map<std::string, size_t> perClient;
    std::atomic<size_t> busy{0};                     // connections Busy (a worker has them)
    std::atomic<uint64_t> requests{0}, lingered{0};  // stats()
    bool dispatched = false;                         // processInput just gave the connection to a worker

    std::mutex jobMutex;
    std::condition_variable jobReady;
    std::deque<Job> jobs;
    bool workersStop = false;
    std::vector<std::thread> workers;

    std::mutex doneMutex;
    std::vector<Conn*> done;

    ~Impl() {
        for (auto& [fd, c] : conns) ::close(fd);
        if (listenFd >= 0) ::close(listenFd);
        if (epollFd >= 0) ::close(epollFd);
        if (wakeFd >= 0) ::close(wakeFd);
        if (spareFd >= 0) ::close(spareFd);
    }

    void wake() {
        uint64_t one = 1;
        [[maybe_unused]] ssize_t n = ::write(wakeFd, &one, sizeof one);
    }

    // Arms the descriptor for `events` (one-shot); 0 disarms it.
    void setEvents(Conn& c, uint32_t events) {
        if (events == 0 && !c.armed) return;
        if (events != 0 && c.armed && c.armedEvents == events) return;
        epoll_event ev{};
        ev.events = events | EPOLLONESHOT;
        ev.data.u64 = static_cast<uint64_t>(c.fd);
        ::epoll_ctl(epollFd, c.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c.fd, &ev);
        c.registered = true;
        c.armed = events != 0;
        c.armedEvents = events;
    }

    // After an event: wait for what the connection's state needs next.
    void rearm(Conn& c) {
        switch (c.state.load()) {
            case ConnState::Reading:
            case ConnState::Draining:
                setEvents(c, EPOLLIN);
                break;
            case ConnState::Writing:
                setEvents(c, EPOLLOUT);
                break;
            case ConnState::Busy:
                break;
        }
    }

    void closeConn(Conn& c) {
        const int fd = c.fd;
        ::close(fd);  // also removes it from the epoll set
        if (c.countedPerClient)
            if (auto it = perClient.find(c.peer); it != perClient.end() && --it->second == 0) perClient.erase(it);
        conns.erase(fd);  // destroys c
    }

    // After the whole response went out.
    void responseSent(Conn& c) {
        c.out.clear();
        c.outSent = 0;
        if (c.closeAfterWrite || stopping) {
            // Lingering close: our side is finished; what the client still sends is
            // read and dropped for a moment, so it sees the response, not a reset.
            ::shutdown(c.fd, SHUT_WR);
            c.state = ConnState::Draining;
            c.drainUntil = Clock::now() + std::chrono::seconds(2);
            setEvents(c, EPOLLIN);
            return;
        }
        c.state = ConnState::Reading;
        c.requestStarted = false;
        c.lastActivity = Clock::now();
        const int fd = c.fd;
        dispatched = false;
        processInput(c);  // a pipelined request may be waiting
        if (dispatched) return;
        if (auto it = conns.find(fd); it != conns.end() && it->second.get() == &c) rearm(c);
    }

    void startWriting(Conn& c) {
        if (c.writeFailed) {
            closeConn(c);
            return;
        }
        if (c.outSent < c.out.size()) {
            c.state = ConnState::Writing;
            c.lastActivity = Clock::now();
            setEvents(c, EPOLLOUT);
            return;
        }
        responseSent(c);
    }

    // An error the front answers itself; the connection closes after it.
    void respondError(Conn& c, int status, httplib::Request& req) {
        httplib::Response res;
        res.status = status;
        req.remote_addr = c.peer;
        req.remote_port = c.peerPort;
        if (req.version.empty()) req.version = "HTTP/1.1";
        if (errors) errors(req, res);
        c.out = serializeResponse(req, res, true);
        c.outSent = 0;
        c.closeAfterWrite = true;
        c.in.clear();
        if (logger) logger(req, res, 0.0);
        c.writeFailed = !sendSome(c);
        startWriting(c);
    }

    // The whole request parsed at the start of c.in: its bytes consumed, the job made.
    void makeJob(Conn& c, httplib::Request&& req, const ParseResult& r, Clock::time_point now, Job& job) {
        c.in.erase(0, r.consumed);
        c.scanned = 0;
        c.headersSeen = false;
        c.sentContinue = false;
        req.remote_addr = c.peer;
        if (!limits.trustedProxies.empty()) {
            std::vector<std::string> forwardedFor;
            for (auto [it, end] = req.headers.equal_range("X-Forwarded-For"); it != end; ++it)
                forwardedFor.push_back(it->second);
            req.remote_addr = limits.trustedProxies.clientAddress(c.peer, forwardedFor);
        }
        req.remote_port = c.peerPort;
        job.conn = &c;
        job.req = std::move(req);
        job.keepAlive = r.keepAlive && !c.peerClosed && !stopping;
        job.received = now;
        c.closeAfterWrite = !job.keepAlive;
    }

    // Parses what has arrived; dispatches a whole request, answers an invalid one.
    void processInput(Conn& c) {
        if (c.in.empty()) return;
        const auto now = Clock::now();
        if (!c.requestStarted) {
            c.requestStarted = true;
            c.requestStart = now;
        }
        if (!c.headersSeen) {
            // Look for the blank line ending the headers, from where the last search stopped.
            size_t from = c.scanned > 3 ? c.scanned - 3 : 0;
            for (size_t i = c.in.find('\n', from); i != std::string::npos; i = c.in.find('\n', i + 1)) {
                if ((i + 1 < c.in.size() && c.in[i + 1] == '\n') ||
                    (i + 2 < c.in.size() && c.in[i + 1] == '\r' && c.in[i + 2] == '\n')) {
                    c.headersSeen = true;
                    break;
                }
            }
            c.scanned = c.in.size();
            if (!c.headersSeen && c.in.size() <= limits.maxRequestLineBytes) return;
        }
        httplib::Request req;
        ParseResult r = parseHttpRequest(c.in, limits, req);
        if (r.status == ParseStatus::NeedMore) {
            if (r.expectContinue && !c.sentContinue) {
                static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
                [[maybe_unused]] ssize_t n = ::send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL);
                c.sentContinue = true;
            }
            if (c.peerClosed) closeConn(c);
            return;
        }
        if (r.status == ParseStatus::Error) {
            respondError(c, r.errorStatus, req);
            return;
        }
        Job job;
        makeJob(c, std::move(req), r, now, job);
        c.state = ConnState::Busy;
        setEvents(c, 0);  // not watched while a worker has it
        ++busy;
        dispatched = true;
        {
            std::lock_guard lock(jobMutex);
            jobs.push_back(std::move(job));
        }
        jobReady.notify_one();
    }

    void onReadable(Conn& c) {
        char buf[65536];
        size_t total = 0;
        for (;;) {
            ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) {
                c.in.append(buf, static_cast<size_t>(n));
                c.lastActivity = Clock::now();
                total += static_cast<size_t>(n);
                if (total >= 256 * 1024) break;  // let other connections have their turn
            } else if (n == 0) {
                c.peerClosed = true;
                break;
            } else if (errno == EINTR) {
                continue;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            } else {
                closeConn(c);
                return;
            }
        }
        const int fd = c.fd;
        dispatched = false;
        processInput(c);
        // processInput may have closed it, dispatched it (hands off), or left it waiting.
        if (dispatched) return;
        auto it = conns.find(fd);
        if (it != conns.end() && it->second.get() == &c && c.state == ConnState::Reading && c.peerClosed) {
            closeConn(c);
        }
    }

    void onWritable(Conn& c) {
        const size_t before = c.outSent;
        if (!sendSome(c)) {
            closeConn(c);
            return;
        }
        if (c.outSent != before) c.lastActivity = Clock::now();
        if (c.outSent >= c.out.size()) responseSent(c);
    }

    void onDraining(Conn& c) {
        char buf[16384];
        for (;;) {
            ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) continue;
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            closeConn(c);  // end of stream or error
            return;
        }
    }

    void refuse(int fd) {
        // 503 before reading anything: the client is told why, then closed.
        httplib::Request req;
        req.version = "HTTP/1.1";
        httplib::Response res;
        res.status = 503;
        if (errors) errors(req, res);
        std::string bytes = serializeResponse(req, res, true);
        [[maybe_unused]] ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        ::close(fd);
    }

    void acceptAll() {
        for (;;) {
            sockaddr_storage ss{};
            socklen_t len = sizeof ss;
            int fd = ::accept4(listenFd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if ((errno == EMFILE || errno == ENFILE) && spareFd >= 0) {
                    // Out of descriptors: take the connection off the queue and close it,
                    // rather than spinning on a listening socket that stays readable.
                    ::close(spareFd);
                    int victim = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
                    if (victim >= 0) ::close(victim);
                    spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
                    continue;
                }
                return;  // EAGAIN, or nothing to do about it now
            }
            int port = 0;
            std::string peer = addressText(ss, port);
            if (stopping || conns.size() >= limits.maxConnections) {
                refuse(fd);
                continue;
            }
            // A trusted proxy carries many clients: only the total caps it.
            const bool counted = !limits.trustedProxies.contains(peer);
            if (counted) {
                size_t& count = perClient[peer];
                if (count >= limits.maxConnectionsPerClient) {
                    if (count == 0) perClient.erase(peer);
                    refuse(fd);
                    continue;
                }
                ++count;
            }
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto conn = std::make_unique<Conn>();
            conn->fd = fd;
            conn->peer = std::move(peer);
            conn->peerPort = port;
            conn->countedPerClient = counted;
            conn->lastActivity = Clock::now();
            Conn& c = *conn;
            conns.emplace(fd, std::move(conn));
            setEvents(c, EPOLLIN);
        }
    }

    void collectDone() {
        uint64_t value = 0;
        [[maybe_unused]] ssize_t n = ::read(wakeFd, &value, sizeof value);
        std::vector<Conn*> finished;
        {
            std::lock_guard lock(doneMutex);
            finished.swap(done);
        }
        for (Conn* c : finished) {
            --busy;
            startWriting(*c);
        }
    }

    // Time bounds: a request must arrive whole in time, an idle connection goes,
    // a response that does not move goes, a lingering close ends.
    void sweep() {
        const auto now = Clock::now();
        std::vector<int> expired, late;
        for (auto& [fd, c] : conns) {
            switch (c->state) {
                case ConnState::Reading:
                    if (c->requestStarted && now - c->requestStart > std::chrono::milliseconds(limits.requestTimeoutMs))
                        late.push_back(fd);
                    else if (!c->requestStarted &&
                             (now - c->lastActivity > std::chrono::milliseconds(limits.idleTimeoutMs) || stopping))
                        expired.push_back(fd);
                    break;
                case ConnState::Writing:
                    if (now - c->lastActivity > std::chrono::milliseconds(limits.writeTimeoutMs)) expired.push_back(fd);
                    break;
                case ConnState::Draining:
                    if (now > c->drainUntil) expired.push_back(fd);
                    break;
                case ConnState::Busy:
                    break;
            }
        }
        for (int fd : expired) {
            if (auto it = conns.find(fd); it != conns.end()) closeConn(*it->second);
        }
        for (int fd : late) {
            auto it = conns.find(fd);
            if (it == conns.end()) continue;
            httplib::Request req;
            req.path = partialPath(it->second->in);
            respondError(*it->second, 408, req);
        }
    }

    void workerLoop() {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(jobMutex);
                jobReady.wait(lock, [&] { return !jobs.empty() || workersStop; });
                if (jobs.empty()) return;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            while (runJob(job)) ++lingered;
        }
    }

    // Runs the handler and sends the response. True when the connection's next
    // request arrived while lingering: it is in `job`, for this thread to run.
    bool runJob(Job& job) {
        httplib::Response res;
        try {
            handler(job.req, res);
        } catch (...) {
            res = httplib::Response();
            res.status = 500;
            if (errors) errors(job.req, res);
        }
        if (res.status == -1) res.status = 200;
        ++requests;
        Conn& c = *job.conn;
        c.out = serializeResponse(job.req, res, !job.keepAlive);
        c.outSent = 0;
        c.writeFailed = !sendSome(c);  // most responses leave at once, from this thread
        if (logger) {
            logger(job.req, res, std::chrono::duration<double, std::milli>(Clock::now() - job.received).count());
        }
        if (job.keepAlive && !c.writeFailed && c.outSent == c.out.size() && c.in.empty() && !stopping) {
            // The usual keep-alive case: wait a moment for the next request here,
            // else hand the connection straight back to the loop, waiting for its
            // next request, without waking the loop.
            c.out.clear();
            c.outSent = 0;
            c.requestStarted = false;
            c.closeAfterWrite = false;
            c.lastActivity = Clock::now();
            switch (lingerForNext(c, job)) {
                case Linger::NextRequest:
                    return true;
                case Linger::ToLoop:
                    break;  // below: the loop parses what arrived (or sees the close)
                case Linger::Nothing: {
                    c.armed = true;
                    c.armedEvents = EPOLLIN;
                    c.state.store(ConnState::Reading);
                    --busy;
                    epoll_event ev{};
                    ev.events = EPOLLIN | EPOLLONESHOT;
                    ev.data.u64 = static_cast<uint64_t>(c.fd);
                    ::epoll_ctl(epollFd, EPOLL_CTL_MOD, c.fd, &ev);
                    return false;
                }
            }
        }
        {
            std::lock_guard lock(doneMutex);
            done.push_back(&c);
        }
        wake();
        return false;
    }

    enum class Linger { Nothing, NextRequest, ToLoop };

    // After a response on a kept-alive connection, while nothing is queued and
    // most workers are idle: waits up to keepAliveLingerUs for the next request
    // and, when it arrives whole, makes it this thread's next job. Anything else
    // that arrived (part of a request, an invalid one, the client's close) goes
    // to the loop, which handles it as if it had read it.
    Linger lingerForNext(Conn& c, Job& job) {
        if (limits.keepAliveLingerUs <= 0) return Linger::Nothing;
        if (busy.load() * 2 > std::max<size_t>(1, limits.workerThreads)) return Linger::Nothing;
        {
            std::lock_guard lock(jobMutex);
            if (!jobs.empty()) return Linger::Nothing;
        }
        pollfd p{c.fd, POLLIN, 0};
        const timespec wait{0, static_cast<long>(limits.keepAliveLingerUs) * 1000};
        if (::ppoll(&p, 1, &wait, nullptr) != 1 || stopping) return Linger::Nothing;
        char buf[16384];
        for (;;) {
            const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) {
                c.in.append(buf, static_cast<size_t>(n));
                if (c.in.size() >= 256 * 1024) break;
            } else if (n == 0) {
                c.peerClosed = true;
                break;
            } else if (errno == EINTR) {
                continue;
            } else {
                break;  // EAGAIN: all there is for now (a hard error: the loop's recv sees it)
            }
        }
        if (c.in.empty()) return c.peerClosed ? Linger::ToLoop : Linger::Nothing;
        const auto now = Clock::now();
        c.lastActivity = now;
        httplib::Request req;
        const ParseResult r = parseHttpRequest(c.in, limits, req);
        if (r.status != ParseStatus::Complete) return Linger::ToLoop;
        c.requestStarted = true;
        c.requestStart = now;
        makeJob(c, std::move(req), r, now, job);
        return Linger::NextRequest;
    }
};

HttpFront::HttpFront(const HttpLimits& limits, Handler handler, ErrorFiller errors, Logger logger)
    : impl_(std::make_unique<Impl>()) {
    impl_->limits = limits;
    impl_->handler = std::move(handler);
    impl_->errors = std::move(errors);
    impl_->logger = std::move(logger);
    impl_->epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    impl_->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

HttpFront::~HttpFront() {
    stop();
}

int HttpFront::bind(const std::string& host, int port) {
    Impl& d = *impl_;
    // Every connection is a descriptor: use what the system allows.
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 128) {
        d.limits.maxConnections = std::min<size_t>(d.limits.maxConnections, rl.rlim_cur - 64);
    }

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* result = nullptr;
    const std::string service = std::to_string(port);
    if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &result) != 0) return -1;
    int fd = -1;
    for (addrinfo* ai = result; ai; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, d.limits.listenBacklog) == 0) break;
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(result);
    if (fd < 0) return -1;
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
    int bound = 0;
    addressText(ss, bound);
    d.listenFd = fd;
    return bound;
}

bool HttpFront::run() {
    Impl& d = *impl_;
    if (d.listenFd < 0) return false;
    d.spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (d.epollFd < 0 || d.wakeFd < 0) return false;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kListenTag;
    ::epoll_ctl(d.epollFd, EPOLL_CTL_ADD, d.listenFd, &ev);
    ev.data.u64 = kWakeTag;
    ::epoll_ctl(d.epollFd, EPOLL_CTL_ADD, d.wakeFd, &ev);
    {
        std::lock_guard lock(d.jobMutex);
        d.workersStop = false;
    }
    for (size_t i = 0; i < std::max<size_t>(1, d.limits.workerThreads); ++i) {
        d.workers.emplace_back([&d] { d.workerLoop(); });
    }
    d.running = true;

    std::vector<epoll_event> events(256);
    auto nextSweep = Clock::now();
    Clock::time_point stopDeadline{};
    for (;;) {
        if (d.stopping) {
            if (d.listenFd >= 0) {
                ::epoll_ctl(d.epollFd, EPOLL_CTL_DEL, d.listenFd, nullptr);
                ::close(d.listenFd);
                d.listenFd = -1;
                stopDeadline = Clock::now() + std::chrono::seconds(5);
                nextSweep = Clock::now();  // close idle connections now
            }
            bool pending = d.busy > 0;
            for (auto& [fd, c] : d.conns) pending = pending || c->state == ConnState::Writing;
            if (!pending || (Clock::now() > stopDeadline && d.busy == 0)) break;
        }
        int n = ::epoll_wait(d.epollFd, events.data(), static_cast<int>(events.size()), 100);
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < n; ++i) {
            const uint64_t tag = events[i].data.u64;
            if (tag == kListenTag) {
                d.acceptAll();
                continue;
            }
            if (tag == kWakeTag) {
                d.collectDone();
                continue;
            }
            const int fd = static_cast<int>(tag);
            auto it = d.conns.find(fd);
            if (it == d.conns.end()) continue;
            Conn& c = *it->second;
            c.armed = false;  // one-shot: the event disarmed it
            d.dispatched = false;
            switch (c.state.load()) {
                case ConnState::Reading:
                    d.onReadable(c);
                    break;
                case ConnState::Writing:
                    d.onWritable(c);
                    break;
                case ConnState::Draining:
                    d.onDraining(c);
                    break;
                case ConnState::Busy:
                    break;
            }
            if (d.dispatched) continue;  // a worker has it now: hands off
            if (auto again = d.conns.find(fd); again != d.conns.end() && again->second.get() == &c) d.rearm(c);
        }
        if (Clock::now() >= nextSweep) {
            d.sweep();
            nextSweep = Clock::now() + std::chrono::milliseconds(100);
        }
    }

    {
        std::lock_guard lock(d.jobMutex);
        d.workersStop = true;
    }
    d.jobReady.notify_all();
    for (auto& t : d.workers) t.join();
    d.workers.clear();
    d.collectDone();
    std::vector<int> fds;
    for (auto& [fd, c] : d.conns) fds.push_back(fd);
    for (int fd : fds) d.closeConn(*d.conns.at(fd));
    d.running = false;
    return true;
}

void HttpFront::stop() {
    Impl& d = *impl_;
    d.stopping = true;
    if (d.wakeFd >= 0) d.wake();
}

bool HttpFront::isRunning() const {
    return impl_->running;
}

HttpFront::Stats HttpFront::stats() const {
    return Stats{impl_->requests.load(), impl_->lingered.load()};
}

}  // namespace alin::server
