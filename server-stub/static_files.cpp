#include "static_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace alin::server {

namespace {

struct MimeInfo {
    const char* type;
    bool compressible;
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

MimeInfo mimeFor(std::string_view path) {
    static const std::unordered_map<std::string, MimeInfo> kTypes = {
        {".html", {"text/html; charset=utf-8", true}},
        {".htm", {"text/html; charset=utf-8", true}},
        {".js", {"text/javascript; charset=utf-8", true}},
        {".mjs", {"text/javascript; charset=utf-8", true}},
        {".css", {"text/css; charset=utf-8", true}},
        {".json", {"application/json", true}},
        {".map", {"application/json", true}},
        {".webmanifest", {"application/manifest+json", true}},
        {".wasm", {"application/wasm", true}},
        {".svg", {"image/svg+xml", true}},
        {".ttf", {"font/ttf", true}},
        {".otf", {"font/otf", true}},
        {".woff", {"font/woff", false}},
        {".woff2", {"font/woff2", false}},
        {".png", {"image/png", false}},
        {".jpg", {"image/jpeg", false}},
        {".jpeg", {"image/jpeg", false}},
        {".gif", {"image/gif", false}},
        {".webp", {"image/webp", false}},
        {".ico", {"image/x-icon", true}},
        {".txt", {"text/plain; charset=utf-8", true}},
        {".csv", {"text/csv; charset=utf-8", true}},
        {".data", {"application/octet-stream", true}},
        {".bin", {"application/octet-stream", true}},
        {".pdf", {"application/pdf", false}},
    };
    const size_t slash = path.rfind('/');
    const size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
        return {"application/octet-stream", false};
    }
    auto it = kTypes.find(lower(path.substr(dot)));
    return it != kTypes.end() ? it->second : MimeInfo{"application/octet-stream", false};
}

// Refuses what could leave the root: "..", hidden files, "//", backslashes, NUL.
bool safePath(const std::string& rel) {
    if (rel.empty() || rel[0] != '/') return false;
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return false;
    size_t pos = 1;
    while (pos <= rel.size()) {
        size_t end = rel.find('/', pos);
        if (end == std::string::npos) end = rel.size();
        std::string_view seg(rel.data() + pos, end - pos);
        if (seg.empty() && end != rel.size()) return false;    // "//": absolute-looking
        if (!seg.empty() && seg.front() == '.') return false;  // "..", hidden files
        pos = end + 1;
    }
    return true;
}

std::optional<std::string> readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(ss).str();
}

std::optional<std::string> gzipBytes(const std::string& data) {
    z_stream zs{};
    // 15 + 16: a gzip wrapper; level 9 once per file version.
    if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const size_t produced = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(produced);
    return out;
}

struct Coding {
    std::string_view name;
    double q;
};

// "br;q=0.8" -> {"br", 0.8}; malformed q-values count as 0 (refused).
Coding parseCodingItem(std::string_view item) {
    item = trim(item);
    Coding c{item, 1.0};
    const size_t semi = item.find(';');
    if (semi == std::string_view::npos) return c;
    c.name = trim(item.substr(0, semi));
    std::string_view params = item.substr(semi + 1);
    while (!params.empty()) {
        const size_t next = params.find(';');
        std::string_view p = trim(params.substr(0, next));
        if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && trim(p.substr(1)).starts_with("=")) {
            std::string_view v = trim(trim(p.substr(1)).substr(1));
            // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
            double q = 0;
            bool ok = !v.empty() && (v[0] == '0' || v[0] == '1');
            if (ok) {
                q = v[0] - '0';
                if (v.size() > 1) {
                    ok = v[1] == '.' && v.size() <= 5;
                    double scale = 0.1;
                    for (size_t i = 2; ok && i < v.size(); ++i, scale /= 10) {
                        ok = std::isdigit(static_cast<unsigned char>(v[i])) != 0;
                        q += (v[i] - '0') * scale;
                    }
                }
            }
            c.q = ok ? std::min(q, 1.0) : 0.0;
        }
        if (next == std::string_view::npos) break;
        params.remove_prefix(next + 1);
    }
    return c;
}

}  // namespace

ContentCoding chooseCoding(std::string_view acceptEncoding, bool haveBrotli, bool haveGzip) {
    double br = -1, gz = -1, any = -1;  // -1: not listed
    while (!acceptEncoding.empty()) {
        const size_t comma = acceptEncoding.find(',');
        Coding c = parseCodingItem(acceptEncoding.substr(0, comma));
        const std::string name = lower(c.name);
        if (name == "br")
            br = std::max(br, c.q);
        else if (name == "gzip" || name == "x-gzip")
            gz = std::max(gz, c.q);
        else if (name == "*")
            any = std::max(any, c.q);
        if (comma == std::string_view::npos) break;
        acceptEncoding.remove_prefix(comma + 1);
    }
    if (br < 0) br = any;
    if (gz < 0) gz = any;
    const double qBr = haveBrotli ? br : -1;
    const double qGz = haveGzip ? gz : -1;
    if (qBr > 0 && qBr >= qGz) return ContentCoding::Brotli;
    if (qGz > 0) return ContentCoding::Gzip;
    return ContentCoding::Identity;
}

bool isContentHashedName(std::string_view fileName) {
    const size_t slash = fileName.rfind('/');
    if (slash != std::string_view::npos) fileName.remove_prefix(slash + 1);
    const size_t last = fileName.rfind('.');
    if (last == std::string_view::npos || last < 18) return false;
    const size_t before = fileName.rfind('.', last - 1);
    if (before == std::string_view::npos || before == 0 || last - before - 1 != 16) return false;
    for (size_t i = before + 1; i < last; ++i) {
        const char c = fileName[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag) {
    auto opaque = [](std::string_view t) {
        t = trim(t);
        if (t.starts_with("W/")) t.remove_prefix(2);
        return t;
    };
    const std::string_view want = opaque(etag);
    while (!ifNoneMatch.empty()) {
        const size_t comma = ifNoneMatch.find(',');
        std::string_view item = trim(ifNoneMatch.substr(0, comma));
        if (item == "*") return true;
        if (!item.empty() && opaque(item) == want) return true;
        if (comma == std::string_view::npos) break;
        ifNoneMatch.remove_prefix(comma + 1);
    }
    return false;
}

std::string StaticResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (k == name) return v;
    }
    return {};
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

namespace {

struct StatResult {
    bool regular = false;
    bool directory = false;
    int64_t size = -1;
    int64_t mtimeNs = 0;
};

StatResult statPath(const std::string& path) {
    struct stat st {};
    StatResult r;
    if (::stat(path.c_str(), &st) != 0) return r;
    r.regular = S_ISREG(st.st_mode);
    r.directory = S_ISDIR(st.st_mode);
    r.size = st.st_size;
    r.mtimeNs = int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return r;
}

StaticResponse notFound() {
    static const auto kBody = std::make_shared<const std::string>("Page introuvable.\n");
    StaticResponse r;
    r.status = 404;
    r.contentType = "text/plain; charset=utf-8";
    r.body = kBody;
    return r;
}

}  // namespace

StaticResponse StaticFiles::serve(const StaticRequest& request) {
    std::string rel = request.path;
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    if (!safePath(rel)) return notFound();
    // Concatenated (an absolute right-hand side of fs::path's operator/ would
    // replace the root); safePath() has refused empty segments ("//x").
    std::string full = root_ + rel;
    StatResult st = statPath(full);
    if (st.directory) {
        full += "/index.html";
        st = statPath(full);
    }
    if (!st.regular) return notFound();

    auto stampOf = [](const StatResult& s) { return s.regular ? Stamp{s.size, s.mtimeNs} : Stamp{}; };
    const Stamp file{st.size, st.mtimeNs};
    const Stamp br = stampOf(statPath(full + ".br"));
    const Stamp gz = stampOf(statPath(full + ".gz"));
    std::shared_ptr<const Entry> entry;
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(full);
        if (it != cache_.end() && it->second->file == file && it->second->br == br && it->second->gz == gz) {
            entry = it->second;
        }
    }
    if (!entry) {
        entry = load(full, file, br, gz);
        if (!entry) return notFound();
    }

    const ContentCoding coding = chooseCoding(request.acceptEncoding, entry->brotli != nullptr, entry->gzip != nullptr);
    const char* suffix = coding == ContentCoding::Brotli ? "-br" : coding == ContentCoding::Gzip ? "-gz" : "";
    StaticResponse r;
    const std::string etag = "\"" + entry->version + suffix + "\"";
    r.headers.emplace_back("ETag", etag);
    const std::string_view name = std::string_view(full).substr(full.rfind('/') + 1);
    r.headers.emplace_back("Cache-Control",
                           isContentHashedName(name) ? "public, max-age=31536000, immutable" : "no-cache");
    if (entry->compressible) r.headers.emplace_back("Vary", "Accept-Encoding");
    if (!request.ifNoneMatch.empty() && etagMatches(request.ifNoneMatch, etag)) {
        r.status = 304;
        return r;
    }
    r.status = 200;
    r.contentType = entry->type;
    if (coding == ContentCoding::Brotli) {
        r.headers.emplace_back("Content-Encoding", "br");
        r.body = entry->brotli;
    } else if (coding == ContentCoding::Gzip) {
        r.headers.emplace_back("Content-Encoding", "gzip");
        r.body = entry->gzip;
    } else {
        r.body = entry->raw;
    }
    // The loader's progress bar counts decoded bytes.
    if (coding != ContentCoding::Identity) {
        r.headers.emplace_back("X-Uncompressed-Length", std::to_string(entry->raw->size()));
    }
    return r;
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const std::string& full, const Stamp& file, const Stamp& br,
                                                            const Stamp& gz) {
    auto data = readWhole(full);
    if (!data) return nullptr;
    auto entry = std::make_shared<Entry>();
    entry->file = file;
    const MimeInfo mime = mimeFor(full);
    entry->type = mime.type;
    entry->compressible = mime.compressible;
    char version[64];
    std::snprintf(version, sizeof version, "%llx-%llx", static_cast<unsigned long long>(file.size),
                  static_cast<unsigned long long>(file.mtimeNs));
    entry->version = version;
    entry->br = br;
    entry->gz = gz;
    if (mime.compressible) {
        // A variant older than its file is stale (the build writes it after the file).
        auto sibling = [&](const char* ext, const Stamp& stamp) -> std::shared_ptr<const std::string> {
            if (stamp.size < 0 || stamp.mtimeNs < file.mtimeNs) return nullptr;
            auto bytes = readWhole(full + ext);
            if (!bytes || bytes->size() >= data->size()) return nullptr;
            return std::make_shared<const std::string>(std::move(*bytes));
        };
        entry->brotli = sibling(".br", br);
        entry->gzip = sibling(".gz", gz);
        if (!entry->gzip && data->size() > 256) {
            auto packed = gzipBytes(*data);
            if (packed && packed->size() < data->size()) {
                entry->gzip = std::make_shared<const std::string>(std::move(*packed));
            }
        }
    }
    entry->raw = std::make_shared<const std::string>(std::move(*data));
    std::lock_guard lock(mutex_);
    cache_[full] = entry;
    return entry;
}

}  // namespace alin::server
