// HttpFront's keep-alive linger (server-stub/http_front.h, issue 17): a client
// sending requests one after another on one connection has each next request
// taken by the worker that answered the last one (no handoff through the
// loop), and everything the linger can meet still gets the right answer:
// pipelined requests, a request split across packets, an invalid one, the
// client closing, many connections at once.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "http_front.h"

using alin::server::HttpFront;
using alin::server::HttpLimits;

namespace {

struct Front {
    explicit Front(HttpLimits limits = {})
        : front(
              limits,
              [](const httplib::Request& req, httplib::Response& res) {
                  res.status = 200;
                  res.set_content("echo " + req.method + " " + req.path + " " + req.body, "text/plain");
              },
              [](const httplib::Request&, httplib::Response& res) { res.set_content("error", "text/plain"); },
              nullptr) {
        port = front.bind("127.0.0.1", 0);
        REQUIRE(port > 0);
        loop = std::thread([this] { front.run(); });
        while (!front.isRunning()) std::this_thread::yield();
    }
    ~Front() {
        front.stop();
        loop.join();
    }
    HttpFront front;
    int port = 0;
    std::thread loop;
};

int connectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    return fd;
}

void sendAll(int fd, const std::string& bytes) {
    REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
}

// Reads until `count` responses' bodies (each "echo ...") have arrived whole.
std::string readResponses(int fd, int count) {
    std::string in;
    char buf[4096];
    auto complete = [&] {
        int seen = 0;
        for (size_t at = in.find("\r\n\r\n"); at != std::string::npos; at = in.find("\r\n\r\n", at + 4)) {
            const size_t lengthAt = in.rfind("Content-Length: ", at);
            if (lengthAt == std::string::npos) return false;
            const size_t length = std::stoul(in.substr(lengthAt + 16));
            if (in.size() < at + 4 + length) return false;
            ++seen;
            at += length;
        }
        return seen >= count;
    };
    while (!complete()) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
    }
    return in;
}

std::string get(const std::string& path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

}  // namespace

TEST_CASE("HTTP front: requests one after another on a connection are taken by the lingering worker") {
    Front f;
    const int fd = connectTo(f.port);
    for (int i = 0; i < 50; ++i) {
        sendAll(fd, get("/r" + std::to_string(i)));
        const std::string reply = readResponses(fd, 1);
        REQUIRE(reply.find("echo GET /r" + std::to_string(i) + " ") != std::string::npos);
    }
    ::close(fd);
    const HttpFront::Stats s = f.front.stats();
    CHECK(s.requests == 50);
    // The first request comes through the loop; the client sends each next one
    // at once, well within the linger (1 ms), but a loaded machine may be slower.
    MESSAGE("lingered " << s.lingered << " of " << s.requests);
    CHECK(s.lingered >= 25);
}

TEST_CASE("HTTP front: without the linger every request goes through the loop") {
    HttpLimits limits;
    limits.keepAliveLingerUs = 0;
    Front f(limits);
    const int fd = connectTo(f.port);
    for (int i = 0; i < 10; ++i) {
        sendAll(fd, get("/n"));
        REQUIRE(readResponses(fd, 1).find("echo GET /n") != std::string::npos);
    }
    ::close(fd);
    CHECK(f.front.stats().requests == 10);
    CHECK(f.front.stats().lingered == 0);
}

TEST_CASE("HTTP front: what the linger meets is answered as the loop would") {
    HttpLimits limits;
    limits.keepAliveLingerUs = 200000;  // long: every case below meets a lingering worker
    Front f(limits);

    SUBCASE("a request split across packets") {
        const int fd = connectTo(f.port);
        sendAll(fd, get("/a"));
        REQUIRE(readResponses(fd, 1).find("echo GET /a") != std::string::npos);
        sendAll(fd, "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhe");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        sendAll(fd, "llo");
        CHECK(readResponses(fd, 1).find("echo POST /b hello") != std::string::npos);
        ::close(fd);
    }
    SUBCASE("pipelined requests, in order") {
        const int fd = connectTo(f.port);
        sendAll(fd, get("/first"));
        REQUIRE(readResponses(fd, 1).find("echo GET /first") != std::string::npos);
        sendAll(fd, get("/p1") + get("/p2") + get("/p3"));
        const std::string replies = readResponses(fd, 3);
        const size_t p1 = replies.find("echo GET /p1"), p2 = replies.find("echo GET /p2"),
                     p3 = replies.find("echo GET /p3");
        REQUIRE(p1 != std::string::npos);
        REQUIRE(p2 != std::string::npos);
        REQUIRE(p3 != std::string::npos);
        CHECK(p1 < p2);
        CHECK(p2 < p3);
        ::close(fd);
    }
    SUBCASE("an invalid request gets its error and the close") {
        const int fd = connectTo(f.port);
        sendAll(fd, get("/ok"));
        REQUIRE(readResponses(fd, 1).find("echo GET /ok") != std::string::npos);
        sendAll(fd, "GET /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        const std::string reply = readResponses(fd, 1);
        CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
        ::close(fd);
    }
    SUBCASE("the client closing while a worker lingers") {
        for (int k = 0; k < 20; ++k) {
            const int fd = connectTo(f.port);
            sendAll(fd, get("/bye"));
            REQUIRE(readResponses(fd, 1).find("echo GET /bye") != std::string::npos);
            ::close(fd);
        }
        // The server still answers a new connection.
        const int fd = connectTo(f.port);
        sendAll(fd, get("/again"));
        CHECK(readResponses(fd, 1).find("echo GET /again") != std::string::npos);
        ::close(fd);
    }
    SUBCASE("many connections at once, each answered") {
        std::vector<std::thread> clients;
        std::atomic<int> answered{0};
        for (int t = 0; t < 16; ++t)
            clients.emplace_back([&, t] {
                const int fd = connectTo(f.port);
                for (int i = 0; i < 20; ++i) {
                    const std::string path = "/c" + std::to_string(t) + "-" + std::to_string(i);
                    sendAll(fd, get(path));
                    if (readResponses(fd, 1).find("echo GET " + path + " ") != std::string::npos) ++answered;
                }
                ::close(fd);
            });
        for (auto& c : clients) c.join();
        CHECK(answered == 16 * 20);
    }
}
