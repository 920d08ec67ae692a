// The integrity constraints of the storage contract, as the SQL schema states
// them (server-stub/migrations/*.sql: CHECK clauses; UNIQUE and FOREIGN KEY are
// checked by the in-memory storage against its own maps). The in-memory storage
// calls these before every write, so that both storages refuse the same records
// with the same error (StorageError, constraint = true).
#pragma once
#include "storage/storage.h"

namespace alin::constraints {

[[noreturn]] void violated(const std::string& what);

// users: language in ('fr', 'en').
void checkUser(const UserRecord& user);
void checkLanguage(const std::string& language);
// request_files: cdii in ('', 'yes', 'no'), attach_to in ('applicant',
// 'coApplicant'), sharing_choice 0..3.
void checkRequestFile(const RequestFileRecord& file);
// verification_codes: purpose in ('import', 'refresh').
void checkVerificationCode(const VerificationCodeRecord& code);
// offer_states: applications_added >= 0, status in ('', 'open', 'closed').
void checkOfferState(const OfferStateRecord& state);
// alerts: frequency in ('immediate', 'daily'), digest_hour 0..23.
void checkAlert(const AlertRecord& alert);
// applications: rank 0..3, step 1..7, active exactly when the stage is an active
// one (submitted, validated, sent_to_landlord, landlord_contact, commission, decided).
void checkApplication(const ApplicationRecord& application);
// contact_messages: subject and status among domain/contact.h's codes.
void checkContactMessage(const ContactMessageRecord& message);

}  // namespace alin::constraints
