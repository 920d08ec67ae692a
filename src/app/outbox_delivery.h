// E-mail sent once, through the outbox (issue 13 item 4).
//
// The services only insert rows into the outbox (OutboxTransport, in the same
// database as what they commit: a crash after the commit loses no mail, a slow
// SMTP server slows no request). When SMTP is configured the rows are queued
// ("pending") and an OutboxDrainer in each server delivers them:
//  - claim: Storage::claimMails takes a batch of due rows with a lease (one
//    atomic step of the storage; on PostgreSQL FOR UPDATE SKIP LOCKED), so two
//    drainers, on one server or on several, never hold the same row at once;
//  - send: each with a Message-ID derived from the row (outboxMessageId), the
//    same at every attempt, so a resend after a crash is recognisable;
//  - mark: "sent"; or, after a failure, due again after a backoff that doubles
//    from firstRetrySeconds up to maxRetrySeconds, and "failed" after
//    maxAttempts claims.
// A worker that dies between claim and mark leaves the row to be claimed
// again once its lease ends: delivery is at-least-once, and never twice while
// a lease holds (leaseSeconds is longer than one SMTP exchange may last).
#pragma once
#include <cstdint>
#include <string>

#include "app/clock.h"
#include "storage/storage.h"

namespace alin {

// Hands one outbox row to the mail server (SmtpTransport in the server, a
// counting fake in tests). Returns false when it could not be handed over.
class MailSender {
public:
    virtual ~MailSender() = default;
    virtual bool deliver(const MailRecord& mail, const std::string& messageId) = 0;
};

struct DeliveryPolicy {
    int64_t leaseSeconds = 120;      // > the SMTP transfer's connect + total timeouts (5 + 20 s)
    int batch = 20;                  // rows per claim
    int maxAttempts = 8;             // claims before the row is given up ("failed")
    int64_t firstRetrySeconds = 60;  // backoff after the first failure, doubled at each one
    int64_t maxRetrySeconds = 3600;  // ... up to this (8 attempts span about 2 h 10)
};

// "<alin.ID.HASH@domain>" without the angle brackets: stable for a row (its
// id, creation time and recipient), distinct across databases in practice.
std::string outboxMessageId(const MailRecord& mail, const std::string& domain);

// What one drain() did.
struct DrainReport {
    int claimed = 0;
    int sent = 0;
    int failed = 0;     // will be retried
    int abandoned = 0;  // given up after maxAttempts
};

class OutboxDrainer {
public:
    // `domain`: the right-hand side of the Message-IDs (the sender's domain).
    OutboxDrainer(Storage& storage, Clock& clock, MailSender& sender, const DeliveryPolicy& policy, std::string domain);

    // Claims one batch of due rows and delivers them. Storage errors propagate
    // (the caller's loop tries again later); the claimed rows then come back
    // when their lease ends.
    DrainReport drainOnce();
    // The backoff after the failure of claim number `attempt` (1, 2, ...).
    int64_t retryDelay(int attempt) const;
    const DeliveryPolicy& policy() const { return policy_; }

private:
    Storage& storage_;
    Clock& clock_;
    MailSender& sender_;
    DeliveryPolicy policy_;
    std::string domain_;
};

}  // namespace alin
