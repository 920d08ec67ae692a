// Static files of the web root (the built client): content negotiation between
// the precompressed variants the build writes next to each file (x.br, x.gz),
// validators and cache policy. No HTTP library here: a request's path and
// headers in, status, headers and body out (http_server.cpp sends it).
//
//   - Accept-Encoding picks Brotli, then gzip, then identity (q-values honoured,
//     q=0 refuses); every compressible file answers with Vary: Accept-Encoding.
//   - A variant is used only if it is at least as new as the file it packs
//     (a stale x.br next to a rebuilt x is ignored). Without a .gz sibling, a
//     compressible file is gzipped once in memory.
//   - Names carrying a content hash (alin.0123456789abcdef.wasm) are immutable
//     for a year; every other file is revalidated (no-cache + ETag, 304 on
//     If-None-Match).
//   - Files are read once and kept until their size or modification time
//     changes (a rebuilt client is served at once).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace alin::server {

enum class ContentCoding { Identity, Gzip, Brotli };

// The coding to send for an Accept-Encoding value (RFC 9110 section 12.5.3),
// among the variants available. Empty or absent header: identity. Ties prefer
// Brotli over gzip (smaller).
ContentCoding chooseCoding(std::string_view acceptEncoding, bool haveBrotli, bool haveGzip);

// "name.<16 lowercase hex digits>.ext": a name the build derived from the content.
bool isContentHashedName(std::string_view fileName);

// Whether an If-None-Match value matches an entity tag ("*", lists, W/ prefixes).
bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);

struct StaticRequest {
    std::string path;            // decoded URL path, "/..." ("/" and "/dir/" mean index.html)
    std::string acceptEncoding;  // "" when absent
    std::string ifNoneMatch;     // "" when absent
};

struct StaticResponse {
    int status = 404;
    std::string contentType;                                   // empty for 304
    std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/-Length
    std::shared_ptr<const std::string> body;                   // null for 304

    // Value of a header set above, "" if absent (case-sensitive names).
    std::string header(std::string_view name) const;
};

class StaticFiles {
public:
    explicit StaticFiles(std::string root);

    const std::string& root() const { return root_; }

    // Thread-safe.
    StaticResponse serve(const StaticRequest& request);

private:
    struct Stamp {
        int64_t size = -1;  // -1: absent
        int64_t mtimeNs = 0;
        bool operator==(const Stamp&) const = default;
    };
    struct Entry {
        Stamp file, br, gz;
        std::string version;  // ETag base, from size and modification time
        const char* type = "";
        bool compressible = false;
        std::shared_ptr<const std::string> raw, brotli, gzip;
    };

    std::shared_ptr<const Entry> load(const std::string& full, const Stamp& file, const Stamp& br, const Stamp& gz);

    std::string root_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

}  // namespace alin::server
