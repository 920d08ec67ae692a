#pragma once
#include <string>
#include <vector>

#include "app/config.h"
#include "storage/storage.h"

namespace alin {

// The quota rules of one e-mail to `to` (normalised) triggered by a request
// from `clientAddress` (empty: no per-client rule), for Storage::takeQuota.
inline std::vector<QuotaRule> mailQuota(const ServiceConfig& config, const std::string& to,
                                        const std::string& clientAddress) {
    std::vector<QuotaRule> rules{{"mail-to:" + to, config.mailsPerAddressPerHour, kMailQuotaWindowSeconds}};
    if (!clientAddress.empty())
        rules.push_back({"mail-client:" + clientAddress, config.mailsPerClientPerHour, kMailQuotaWindowSeconds});
    return rules;
}

// Sends an e-mail. Implementations: OutboxTransport (stores in the outbox,
// shown by the development mailbox) and SmtpTransport (server-stub, libcurl).
class MailTransport {
public:
    virtual ~MailTransport() = default;
    // Returns false when the message could not be handed over.
    virtual bool send(const MailRecord& mail) = 0;
};

class OutboxTransport final : public MailTransport {
public:
    explicit OutboxTransport(Storage& storage) : storage_(storage) {}
    bool send(const MailRecord& mail) override {
        storage_.insertMail(mail);
        return true;
    }

private:
    Storage& storage_;
};

}  // namespace alin
