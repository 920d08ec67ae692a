#include "trusted_proxies.h"

#include <arpa/inet.h>

#include <cstring>

namespace alin::server {
namespace {

using Bytes = std::array<uint8_t, 16>;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// An address as 16 bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d); `isV4` tells which.
std::optional<Bytes> parseAddress(std::string_view text, bool& isV4) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    char buf[INET6_ADDRSTRLEN];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    Bytes out{};
    in_addr v4{};
    if (::inet_pton(AF_INET, buf, &v4) == 1) {
        out[10] = 0xff;
        out[11] = 0xff;
        std::memcpy(out.data() + 12, &v4, 4);
        isV4 = true;
        return out;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, buf, &v6) == 1) {
        std::memcpy(out.data(), &v6, 16);
        static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        isV4 = std::memcmp(out.data(), kMapped, 12) == 0;
        return out;
    }
    return std::nullopt;
}

std::string canonical(const Bytes& b, bool isV4) {
    char text[INET6_ADDRSTRLEN] = "";
    if (isV4) {
        ::inet_ntop(AF_INET, b.data() + 12, text, sizeof text);
    } else {
        ::inet_ntop(AF_INET6, b.data(), text, sizeof text);
    }
    return text;
}

// One X-Forwarded-For element: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1" or "[2001:db8::1]:443".
std::string_view stripPort(std::string_view s) {
    if (!s.empty() && s.front() == '[') {
        const size_t close = s.find(']');
        return close == std::string_view::npos ? std::string_view{} : s.substr(1, close - 1);
    }
    const size_t colon = s.find(':');
    if (colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos) return s.substr(0, colon);
    return s;
}

bool inNet(const Bytes& a, const Bytes& net, int prefixBits) {
    int bits = prefixBits;
    for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
        if ((a[i] & mask) != (net[i] & mask)) return false;
    }
    return true;
}

}  // namespace

TrustedProxies TrustedProxies::parse(std::string_view list) {
    TrustedProxies out;
    if (trim(list).empty()) return out;
    for (bool more = true; more;) {
        const size_t comma = list.find(',');
        const std::string_view entry = trim(list.substr(0, comma));
        more = comma != std::string_view::npos;
        if (more) list.remove_prefix(comma + 1);
        const std::string shown(entry);
        const auto invalid = [&] {
            return std::invalid_argument("\"" + shown +
                                         "\" is not an IP address or a CIDR range (examples: 10.0.0.5, "
                                         "192.168.0.0/16, ::1, fd00::/8)");
        };
        if (entry.empty()) throw std::invalid_argument("empty entry (two commas in a row, or a comma at an end)");
        const size_t slash = entry.find('/');
        bool isV4 = false;
        const auto bytes = parseAddress(entry.substr(0, slash), isV4);
        if (!bytes) throw invalid();
        Net net;
        net.bytes = *bytes;
        net.prefixBits = 128;
        if (slash != std::string_view::npos) {
            const std::string_view bitsText = entry.substr(slash + 1);
            const int maxBits = isV4 ? 32 : 128;
            if (bitsText.empty() || bitsText.size() > 3) throw invalid();
            int bits = 0;
            for (char ch : bitsText) {
                if (ch < '0' || ch > '9') throw invalid();
                bits = bits * 10 + (ch - '0');
            }
            if (bits > maxBits) throw invalid();
            net.prefixBits = isV4 ? bits + 96 : bits;
        }
        out.nets_.push_back(net);
    }
    return out;
}

bool TrustedProxies::contains(std::string_view address) const {
    bool isV4 = false;
    const auto bytes = parseAddress(trim(address), isV4);
    if (!bytes) return false;
    for (const Net& net : nets_)
        if (inNet(*bytes, net.bytes, net.prefixBits)) return true;
    return false;
}

std::string TrustedProxies::clientAddress(const std::string& peer, const std::vector<std::string>& forwardedFor) const {
    if (nets_.empty() || !contains(peer)) return peer;
    std::vector<std::string_view> hops;  // left (first client) to right (last proxy's peer)
    for (const std::string& value : forwardedFor) {
        std::string_view rest = value;
        for (;;) {
            const size_t comma = rest.find(',');
            if (const auto hop = trim(rest.substr(0, comma)); !hop.empty()) hops.push_back(hop);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    std::string leftmost = peer;
    for (size_t i = hops.size(); i-- > 0;) {
        bool isV4 = false;
        const auto bytes = parseAddress(stripPort(hops[i]), isV4);
        // Written by a trusted proxy but unreadable: the proxy is the best we know.
        if (!bytes) return peer;
        const std::string text = canonical(*bytes, isV4);
        if (!contains(text)) return text;
        leftmost = text;
    }
    return leftmost;  // every hop trusted: the request started at a trusted host
}

}  // namespace alin::server
