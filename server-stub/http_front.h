// The HTTP/1.1 front of the server: one event loop (epoll) owns every
// connection, reads each request whole (request line, headers and body, within a
// time bound) and only then hands it to a pool of worker threads, which run the
// handler and write the response. Slow or idle clients therefore cost a file
// descriptor and a buffer, never a thread: the API keeps answering under
// hundreds of slow connections (issue 9 item 5). It also caps connections per
// client address, answers pipelined requests in order, and refuses ambiguous
// framing (two different Content-Length, Content-Length with Transfer-Encoding).
//
// Requests and responses are cpp-httplib's plain structs (httplib::Request,
// httplib::Response), so handlers written for httplib run unchanged; httplib's
// own server (a thread pinned per connection) is not used. Range requests are
// ignored (200 with the whole body), as RFC 9110 allows. The wire format
// (parseHttpRequest, serializeResponse) is in http_wire.cpp, the loop in http_front.cpp.
#pragma once
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "trusted_proxies.h"

namespace alin::server {

struct HttpLimits {
    size_t maxBodyBytes = 1024 * 1024;      // larger: 413
    size_t maxRequestLineBytes = 8 * 1024;  // longer: 414
    size_t maxHeaderBytes = 16 * 1024;      // the whole header section; larger: 431
    size_t maxHeaderCount = 100;            // more: 431
    int requestTimeoutMs = 10000;           // first byte of a request -> whole request; then 408 and close
    int idleTimeoutMs = 5000;               // a connection without a request in progress is closed after this
    int writeTimeoutMs = 30000;             // a response that makes no progress for this long: close
    size_t maxConnectionsPerClient = 128;   // per client address; more: 503 and close
    // Reverse proxies (trusted_proxies.h): their connections are not capped per
    // address (they carry many clients; the proxy caps those), and a request's
    // remote_addr is the client named in X-Forwarded-For.
    TrustedProxies trustedProxies;
    size_t maxConnections = 10000;  // in all (bounded by the descriptor limit)
    size_t workerThreads = 64;      // threads running handlers (not tied to connections)
    // After answering on a kept-alive connection, a worker waits this long for the
    // connection's next request and runs it itself, when no request is queued and
    // most workers are idle: one thread wake per request instead of two (the loop's,
    // then a worker's) for a client sending requests one after another. 0: never.
    int keepAliveLingerUs = 1000;
    int listenBacklog = 256;
};

// What the parser made of the bytes received so far.
enum class ParseStatus { NeedMore, Complete, Error };

struct ParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    size_t consumed = 0;          // bytes of the buffer the complete request used
    int errorStatus = 0;          // for Error: 400, 413, 414, 431, 501, 505
    bool keepAlive = true;        // for Complete: the connection may serve another request
    bool expectContinue = false;  // NeedMore with headers read and "Expect: 100-continue"
    bool headersDone = false;     // the header section has been read
};

// Parses one HTTP/1.x request at the start of `data` into `req` (method, target,
// path percent-decoded, params, version, headers, body). Pure: used by the front
// and by the fuzzer (tests/fuzz). On Error, req.path holds what could be read of
// the target (so errors under /api can be answered in JSON).
ParseResult parseHttpRequest(std::string_view data, const HttpLimits& limits, httplib::Request& req);

// What can be read of the request target (path only) from a partial request
// line, so an error about it can still be answered in JSON under /api.
std::string partialPath(std::string_view data);

// The status line, headers and body of `res` as sent on the wire. HEAD and
// 1xx/204/304 carry no body. `close`: add "Connection: close".
std::string serializeResponse(const httplib::Request& req, httplib::Response& res, bool close);

class HttpFront {
public:
    // Runs on a worker thread for every complete request.
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    // Fills the response of an error the front itself answers (400, 408, 413,
    // 414, 431, 501, 503, 505): res.status is set; req.path may be empty.
    using ErrorFiller = std::function<void(const httplib::Request&, httplib::Response&)>;
    // Called once per response sent (also the front's own errors).
    using Logger = std::function<void(const httplib::Request&, const httplib::Response&, double ms)>;

    HttpFront(const HttpLimits& limits, Handler handler, ErrorFiller errors, Logger logger);
    ~HttpFront();
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;

    // Binds and listens; port 0 picks a free one. Returns the port, or -1.
    int bind(const std::string& host, int port);
    // Serves until stop(). Returns false if the loop could not start.
    bool run();
    // Safe from any thread: stops accepting; requests being handled complete.
    void stop();
    bool isRunning() const;

    // Requests answered, and how many of them a worker took itself while lingering
    // on the connection (keepAliveLingerUs) instead of through the loop.
    struct Stats {
        uint64_t requests = 0;
        uint64_t lingered = 0;
    };
    Stats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace alin::server
