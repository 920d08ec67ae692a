// libFuzzer target: the HTTP/1.1 request parser of the server's front
// (server-stub/http_front.h) and the response writer. Invariants: a complete
// request consumes no more than it was given; feeding the same bytes in two
// pieces gives the same result as in one (the front parses as bytes arrive).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http_front.h"

using namespace alin::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    HttpLimits limits;
    limits.maxBodyBytes = 4096;
    limits.maxRequestLineBytes = 512;
    limits.maxHeaderBytes = 1024;
    limits.maxHeaderCount = 16;

    httplib::Request req;
    ParseResult whole = parseHttpRequest(in, limits, req);
    if (whole.status == ParseStatus::Complete) {
        if (whole.consumed == 0 || whole.consumed > in.size()) __builtin_trap();
        // A prefix is never complete with more than it holds.
        httplib::Request partial;
        ParseResult prefix = parseHttpRequest(in.substr(0, whole.consumed), limits, partial);
        if (prefix.status != ParseStatus::Complete || prefix.consumed != whole.consumed) __builtin_trap();
        if (partial.body != req.body || partial.path != req.path) __builtin_trap();
        // The rest (pipelined) parses too.
        httplib::Request next;
        (void)parseHttpRequest(in.substr(whole.consumed), limits, next);

        httplib::Response res;
        res.status = 200;
        res.set_header("X-Echo", req.path);  // may hold CR/LF: must not split the response
        res.set_content(req.body, "text/plain");
        std::string wire = serializeResponse(req, res, !whole.keepAlive);
        size_t headEnd = wire.find("\r\n\r\n");
        if (headEnd == std::string::npos) __builtin_trap();
        std::string_view head(wire.data(), headEnd);
        for (size_t i = 0; i < head.size(); ++i) {
            if (head[i] == '\n' && (i == 0 || head[i - 1] != '\r')) __builtin_trap();
            if (head[i] == '\r' && (i + 1 >= head.size() || head[i + 1] != '\n')) __builtin_trap();
        }
    } else if (whole.status == ParseStatus::NeedMore && size > 0) {
        // Needing more bytes: every shorter prefix needs more too (or is already an error).
        httplib::Request shorter;
        ParseResult p = parseHttpRequest(in.substr(0, size - 1), limits, shorter);
        if (p.status == ParseStatus::Complete) __builtin_trap();
    }
    return 0;
}
