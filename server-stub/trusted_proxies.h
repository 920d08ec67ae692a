// Which TCP peers are reverse proxies whose X-Forwarded-For is believed
// (ALIN_TRUSTED_PROXIES, server-stub/README.md). Behind nginx every connection
// comes from the proxy: without this, every per-client limit (mail per client,
// log-in failures per client address) would see one client.
//
// The rule: when the TCP peer is trusted, the client is the right-most address
// of X-Forwarded-For that is not itself trusted (the one the outermost trusted
// proxy saw); otherwise the peer is the client and X-Forwarded-For is ignored,
// so a client that sends its own header gains nothing.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alin::server {

class TrustedProxies {
public:
    // "10.0.0.5, 192.168.0.0/16, ::1, fd00::/8": IPv4 or IPv6 addresses or CIDR
    // ranges, separated by commas (spaces allowed); empty = none. Throws
    // std::invalid_argument naming the first invalid entry.
    static TrustedProxies parse(std::string_view list);

    bool empty() const { return nets_.empty(); }
    // `address`: an IPv4 or IPv6 address as text (IPv4-mapped IPv6 counts as IPv4).
    bool contains(std::string_view address) const;
    // The client's address for a request from TCP peer `peer` carrying these
    // X-Forwarded-For header values (in the order received; each may list
    // several addresses separated by commas). The result is canonical text
    // ("::ffff:1.2.3.4" and "1.2.3.4" give "1.2.3.4").
    std::string clientAddress(const std::string& peer, const std::vector<std::string>& forwardedFor) const;

private:
    struct Net {
        std::array<uint8_t, 16> bytes{};
        int prefixBits = 128;
    };
    std::vector<Net> nets_;
};

}  // namespace alin::server
