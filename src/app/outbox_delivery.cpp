#include "app/outbox_delivery.h"

#include <algorithm>

#include "app/crypto.h"

namespace alin {

std::string outboxMessageId(const MailRecord& mail, const std::string& domain) {
    const std::string digest =
        sha256Hex(std::to_string(mail.id) + "\n" + std::to_string(mail.createdAt) + "\n" + mail.to);
    return "alin." + std::to_string(mail.id) + "." + digest.substr(0, 16) + "@" +
           (domain.empty() ? "localhost" : domain);
}

OutboxDrainer::OutboxDrainer(Storage& storage, Clock& clock, MailSender& sender, const DeliveryPolicy& policy,
                             std::string domain)
    : storage_(storage), clock_(clock), sender_(sender), policy_(policy), domain_(std::move(domain)) {}

int64_t OutboxDrainer::retryDelay(int attempt) const {
    int64_t delay = std::max<int64_t>(policy_.firstRetrySeconds, 1);
    for (int i = 1; i < attempt && delay < policy_.maxRetrySeconds; ++i) delay *= 2;
    return std::min(delay, std::max<int64_t>(policy_.maxRetrySeconds, 1));
}

DrainReport OutboxDrainer::drainOnce() {
    DrainReport report;
    const std::vector<MailRecord> claimed =
        storage_.claimMails(clock_.now(), policy_.leaseSeconds, std::max(policy_.batch, 1));
    report.claimed = static_cast<int>(claimed.size());
    for (const MailRecord& mail : claimed) {
        // Claimed once too often (workers that died, or failures): given up unsent.
        if (mail.attempts > policy_.maxAttempts) {
            storage_.markMailFailed(mail.id, mail.attempts, clock_.now(), true);
            ++report.abandoned;
            continue;
        }
        bool delivered = false;
        try {
            delivered = sender_.deliver(mail, outboxMessageId(mail, domain_));
        } catch (const std::exception&) {
            delivered = false;
        }
        const int64_t now = clock_.now();
        if (delivered) {
            storage_.markMailSent(mail.id, now);
            ++report.sent;
        } else if (mail.attempts >= policy_.maxAttempts) {
            storage_.markMailFailed(mail.id, mail.attempts, now, true);
            ++report.abandoned;
        } else {
            storage_.markMailFailed(mail.id, mail.attempts, now + retryDelay(mail.attempts), false);
            ++report.failed;
        }
    }
    return report;
}

}  // namespace alin
