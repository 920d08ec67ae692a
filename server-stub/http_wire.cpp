// HTTP/1.x on the wire (http_front.h): parsing a request from the bytes
// received (parseHttpRequest, also the fuzzer's entry point) and serializing a
// response. Pure functions; the event loop that uses them is http_front.cpp.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "http_front.h"

namespace alin::server {
// [SECTION] Parsing ------------------------------------------------------------

namespace {

bool isTchar(unsigned char c) {
    return std::isalnum(c) || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

std::string_view trimOws(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

// Calls f on each trimmed, non-empty item of a comma-separated list.
template <typename F>
void forEachListItem(std::string_view list, F&& f) {
    size_t pos = 0;
    while (pos <= list.size()) {
        size_t end = list.find(',', pos);
        if (end == std::string_view::npos) end = list.size();
        std::string_view item = trimOws(list.substr(pos, end - pos));
        if (!item.empty()) f(item);
        pos = end + 1;
    }
}

bool parseDecimal(std::string_view s, uint64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::string partialPath(std::string_view data) {
    size_t sp = data.find(' ');
    if (sp == std::string_view::npos || sp > 32) return {};
    size_t start = sp + 1;
    while (start < data.size() && data[start] == ' ') ++start;
    size_t end = data.find_first_of(" ?#\r\n", start);
    if (end == std::string_view::npos) end = data.size();
    return std::string(data.substr(start, std::min<size_t>(end - start, 1024)));
}

ParseResult parseHttpRequest(std::string_view data, const HttpLimits& limits, httplib::Request& req) {
    ParseResult r;
    size_t pos = 0;
    // Empty lines before a request line are ignored (RFC 9112 section 2.2).
    while (pos < data.size() && pos < 8 && (data[pos] == '\r' || data[pos] == '\n')) ++pos;
    const size_t lineStart = pos;
    auto fail = [&](int status) {
        r.status = ParseStatus::Error;
        r.errorStatus = status;
        if (req.path.empty()) req.path = partialPath(data.substr(lineStart));
        return r;
    };
    if (pos == data.size()) return r;

    // Request line: method SP request-target SP HTTP-version.
    const size_t lf = data.find('\n', pos);
    if (lf == std::string_view::npos) {
        if (data.size() - pos > limits.maxRequestLineBytes) return fail(414);
        return r;
    }
    size_t lineEnd = lf;
    if (lineEnd > pos && data[lineEnd - 1] == '\r') --lineEnd;
    if (lineEnd - pos > limits.maxRequestLineBytes) return fail(414);
    const std::string_view line = data.substr(pos, lineEnd - pos);
    const size_t sp1 = line.find(' ');
    const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) return fail(400);
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (method.empty() || target.empty()) return fail(400);
    for (char c : method) {
        if (!isTchar(static_cast<unsigned char>(c))) return fail(400);
    }
    for (char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail(400);
    }
    bool http11 = false;
    if (version == "HTTP/1.1") {
        http11 = true;
    } else if (version != "HTTP/1.0") {
        if (version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
            std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
            std::isdigit(static_cast<unsigned char>(version[7]))) {
            return fail(505);
        }
        return fail(400);
    }
    req.method = std::string(method);
    req.version = std::string(version);
    req.target = std::string(target);

    // Request target: origin-form, absolute-form, or "*" for OPTIONS.
    std::string_view pathAndQuery = target;
    if (target == "*") {
        if (method != "OPTIONS") return fail(400);
    } else if (target.front() != '/') {
        size_t scheme = target.find("://");
        if (scheme == std::string_view::npos ||
            !(iequals(target.substr(0, scheme), "http") || iequals(target.substr(0, scheme), "https"))) {
            return fail(400);
        }
        size_t slash = target.find('/', scheme + 3);
        pathAndQuery = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    const size_t question = pathAndQuery.find('?');
    req.path = httplib::detail::decode_url(std::string(pathAndQuery.substr(0, question)), false);
    if (question != std::string_view::npos && question + 1 < pathAndQuery.size()) {
        httplib::detail::parse_query_text(std::string(pathAndQuery.substr(question + 1)), req.params);
    }

    // Header fields.
    pos = lf + 1;
    const size_t headerStart = pos;
    size_t count = 0;
    for (;;) {
        const size_t e = data.find('\n', pos);
        if (e == std::string_view::npos) {
            if (data.size() - headerStart > limits.maxHeaderBytes) return fail(431);
            return r;
        }
        if (e + 1 - headerStart > limits.maxHeaderBytes) return fail(431);
        size_t le = e;
        if (le > pos && data[le - 1] == '\r') --le;
        const std::string_view field = data.substr(pos, le - pos);
        pos = e + 1;
        if (field.empty()) break;
        if (field.front() == ' ' || field.front() == '\t') return fail(400);  // obsolete line folding
        if (++count > limits.maxHeaderCount) return fail(431);
        const size_t colon = field.find(':');
        if (colon == std::string_view::npos || colon == 0) return fail(400);
        const std::string_view name = field.substr(0, colon);
        for (char c : name) {
            if (!isTchar(static_cast<unsigned char>(c))) return fail(400);  // also "Name :"
        }
        const std::string_view value = trimOws(field.substr(colon + 1));
        for (char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f) return fail(400);
        }
        req.headers.emplace(std::string(name), std::string(value));
    }
    r.headersDone = true;

    // Framing: one Content-Length value, or chunked alone; anything ambiguous is refused.
    bool haveLength = false;
    uint64_t contentLength = 0;
    bool lengthOk = true;
    bool chunked = false;
    bool transferEncoding = false;
    bool teOk = true;
    bool expect100 = false;
    bool connClose = false;
    bool connKeepAlive = false;
    for (const auto& [name, value] : req.headers) {
        if (iequals(name, "Content-Length")) {
            forEachListItem(value, [&](std::string_view item) {
                uint64_t v = 0;
                if (!parseDecimal(item, v) || (haveLength && v != contentLength)) lengthOk = false;
                haveLength = true;
                contentLength = v;
            });
            if (trimOws(value).empty()) lengthOk = false;
        } else if (iequals(name, "Transfer-Encoding")) {
            transferEncoding = true;
            forEachListItem(value, [&](std::string_view item) {
                if (iequals(item, "chunked") && !chunked) {
                    chunked = true;
                } else {
                    teOk = false;
                }
            });
        } else if (iequals(name, "Expect")) {
            if (iequals(trimOws(value), "100-continue")) expect100 = true;
        } else if (iequals(name, "Connection")) {
            forEachListItem(value, [&](std::string_view item) {
                if (iequals(item, "close")) connClose = true;
                if (iequals(item, "keep-alive")) connKeepAlive = true;
            });
        }
    }
    if (!lengthOk) return fail(400);
    if (transferEncoding && (haveLength || !http11)) return fail(400);
    if (transferEncoding && !teOk) return fail(chunked ? 400 : 501);
    r.keepAlive = http11 ? !connClose : (connKeepAlive && !connClose);
    if (haveLength && contentLength > limits.maxBodyBytes) return fail(413);

    const size_t bodyStart = pos;
    if (!chunked) {
        const size_t length = static_cast<size_t>(contentLength);
        if (data.size() - bodyStart < length) {
            r.expectContinue = expect100;
            return r;
        }
        req.body.assign(data.substr(bodyStart, length));
        r.consumed = bodyStart + length;
        r.status = ParseStatus::Complete;
        return r;
    }

    // Chunked body: size [; extensions] CRLF data CRLF ... 0 CRLF [trailers] CRLF.
    std::string body;
    size_t p = bodyStart;
    for (;;) {
        const size_t e = data.find('\n', p);
        if (e == std::string_view::npos) {
            if (data.size() - p > 4096) return fail(400);
            r.expectContinue = expect100 && body.empty();
            return r;
        }
        std::string_view sizeLine = data.substr(p, e - p);
        if (!sizeLine.empty() && sizeLine.back() == '\r') sizeLine.remove_suffix(1);
        if (size_t semi = sizeLine.find(';'); semi != std::string_view::npos) sizeLine = sizeLine.substr(0, semi);
        sizeLine = trimOws(sizeLine);
        if (sizeLine.empty() || sizeLine.size() > 8) return fail(sizeLine.empty() ? 400 : 413);
        size_t size = 0;
        for (char c : sizeLine) {
            int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                        : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                    : -1;
            if (digit < 0) return fail(400);
            size = size * 16 + static_cast<size_t>(digit);
        }
        p = e + 1;
        if (size == 0) {
            // Trailer fields (ignored) up to the empty line.
            const size_t trailerStart = p;
            for (;;) {
                const size_t te = data.find('\n', p);
                if (te == std::string_view::npos) {
                    if (data.size() - trailerStart > limits.maxHeaderBytes) return fail(431);
                    return r;
                }
                const size_t lineLength = te - p - ((te > p && data[te - 1] == '\r') ? 1 : 0);
                p = te + 1;
                if (lineLength == 0) break;
                if (p - trailerStart > limits.maxHeaderBytes) return fail(431);
            }
            req.body = std::move(body);
            r.consumed = p;
            r.status = ParseStatus::Complete;
            return r;
        }
        if (body.size() + size > limits.maxBodyBytes || p - bodyStart > 2 * limits.maxBodyBytes + 65536)
            return fail(413);
        if (data.size() - p < size + 1) return r;
        body.append(data.substr(p, size));
        p += size;
        if (data[p] == '\r') {
            if (p + 1 >= data.size()) return r;
            if (data[p + 1] != '\n') return fail(400);
            p += 2;
        } else if (data[p] == '\n') {
            p += 1;
        } else {
            return fail(400);
        }
    }
}

// [SECTION] Responses ----------------------------------------------------------

namespace {

const char* reasonPhrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 206:
            return "Partial Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 411:
            return "Length Required";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Range Not Satisfiable";
        case 422:
            return "Unprocessable Content";
        case 423:
            return "Locked";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Status";
    }
}

}  // namespace

namespace {

// Appends what the response's content provider produces to `into`.
bool provideContent(httplib::Response& res, std::string& into) {
    httplib::DataSink sink;
    bool done = false;
    sink.write = [&](const char* d, size_t n) {
        into.append(d, n);
        return true;
    };
    sink.is_writable = [] { return true; };
    sink.done = [&] { done = true; };
    bool ok = true;
    size_t offset = 0;
    const size_t length = res.content_length_;
    while (ok && !done && (length == 0 || offset < length)) {
        const size_t before = into.size();
        ok = res.content_provider_(offset, length == 0 ? 0 : length - offset, sink);
        const size_t got = into.size() - before;
        if (got == 0 && !done) break;  // no progress
        offset += got;
    }
    res.content_provider_success_ = ok && (length == 0 || offset == length);
    return res.content_provider_success_;
}

void appendHead(std::string& out, const httplib::Request& req, const httplib::Response& res, int status,
                bool withLength, size_t length, bool close) {
    out += "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    for (const auto& [name, value] : res.headers) {
        if (iequals(name, "Content-Length") || iequals(name, "Connection") || iequals(name, "Transfer-Encoding"))
            continue;
        // Never let a value split the response.
        if (value.find_first_of("\r\n") != std::string::npos || name.find_first_of("\r\n: ") != std::string::npos)
            continue;
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (withLength) {
        out += "Content-Length: ";
        out += std::to_string(length);
        out += "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    } else if (req.version == "HTTP/1.0") {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

}  // namespace

std::string serializeResponse(const httplib::Request& req, httplib::Response& res, bool close) {
    const int status = (res.status < 100 || res.status > 999) ? 500 : res.status;
    const bool noBody = status < 200 || status == 204 || status == 304;
    const bool head = req.method == "HEAD";
    std::string out;
    if (res.content_provider_ && res.content_length_ > 0 && !noBody && !head) {
        // Known length (static files): the content goes straight after the head, one copy.
        appendHead(out, req, res, status, true, res.content_length_, close);
        const size_t headSize = out.size();
        out.reserve(headSize + res.content_length_);
        if (provideContent(res, out)) return out;
        out.resize(headSize);  // the provider failed: answer 500 instead
        httplib::Response failed;
        failed.status = 500;
        out.clear();
        appendHead(out, req, failed, 500, true, 0, true);
        return out;
    }
    std::string provided;
    if (res.content_provider_) provideContent(res, provided);
    const std::string& content = res.content_provider_ ? provided : res.body;
    out.reserve(512 + (noBody || head ? 0 : content.size()));
    appendHead(out, req, res, status, !noBody, content.size(), close);
    if (!noBody && !head) out += content;
    return out;
}

}  // namespace alin::server
