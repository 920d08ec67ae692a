#pragma once
#include "storage/storage.h"

namespace alin {

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
