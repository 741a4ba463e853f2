import CareCore
import CareStore
import Foundation

/// The kinds of work done after an answer is sent, each a row in the `jobs` table until done.
public enum JobKind: String, CaseIterable, Sendable {
  /// A reset link for each co-op the address is used in (the limits are checked when it runs).
  case passwordResetMail = "mail.password-reset"
  /// The mail an invitee gets: a link to choose a password (a new account) or a nudge to sign in.
  case invitationMail = "mail.invitation"
  /// A message kept in the app, mailed too (`MessageMail`): a published week's changes.
  case messageMail = "mail.message"
  /// The rota engine planning one version of a circle's week (`PlanWeekJob`), writing its progress down.
  case planWeek = "rota.plan-week"
  /// Nobody has taken a visit needing cover within `Cases.coverWait`: offer it to the next tier.
  case widenCover = "cover.widen"
  /// Removes media kept past the day the person agreed, then queues itself again (`mediaExpiryEvery`).
  case expireMedia = "media.expire"
  /// Gives each period's hours, lapses what a period left, expires banked hours past their weeks, then
  /// queues itself again (`hoursSettleEvery`).
  case settleHours = "hours.settle"
  /// Reminds each person and their team of a plan review coming up (once per date), then queues itself again
  /// (`reviewRemindersEvery`).
  case remindReviews = "plan.remind-reviews"
  /// Counts the polls that have closed (queued for a minute after each poll's close).
  case countPolls = "governance.count-polls"
  /// The same, then queues itself again (`pollSweepEvery`): a poll that closed while the server was down is
  /// counted when it is back.
  case sweepPolls = "governance.sweep-polls"
  /// Weighs the team decisions by consent whose time ran out, then queues itself again (`teamSettleEvery`).
  case settleTeamDecisions = "team.settle-decisions"
}

struct PasswordResetMail: Codable {
  let email: String
  let address: String
}

struct MessageMail: Codable {
  let messageID: UUID
}

struct InvitationMail: Codable {
  let accountID: UUID
  let personID: UUID
  let isNewAccount: Bool
}

extension Cases {
  /// Tries before a job is given up, and the wait before try n + 1 (1, 2, 4, 8 minutes).
  public static let jobTries = 5
  static func retryWait(afterTry attempts: Int) -> TimeInterval { 60 * pow(2, Double(max(attempts - 1, 0))) }

  static func payload<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
  }

  /// "Forgot my password": queued, so the answer is the same and as quick whether or not the address is
  /// known; the mail goes out when the job runs.
  public func askForPasswordReset(email: String, from address: String) async throws {
    try await store.enqueue(
      JobKind.passwordResetMail.rawValue, payload: try Self.payload(PasswordResetMail(email: email, address: address)),
      env: effects)
  }

  /// How often the media expiry job runs (an hour).
  public static let mediaExpiryEvery: TimeInterval = 3600

  /// Starts the repeating jobs that are not yet waiting (at app start): media expiry, settling hours.
  public func scheduleRepeatingJobs() async throws {
    try await store.enqueueUnlessWaiting(JobKind.expireMedia.rawValue, payload: "{}", env: effects)
    try await store.enqueueUnlessWaiting(JobKind.settleHours.rawValue, payload: "{}", env: effects)
    try await store.enqueueUnlessWaiting(JobKind.remindReviews.rawValue, payload: "{}", env: effects)
    try await store.enqueueUnlessWaiting(JobKind.sweepPolls.rawValue, payload: "{}", env: effects)
    try await store.enqueueUnlessWaiting(JobKind.settleTeamDecisions.rawValue, payload: "{}", env: effects)
  }

  /// How often team decisions whose time ran out are looked for (a quarter of an hour).
  public static let teamSettleEvery: TimeInterval = 15 * 60

  /// How often closed polls are looked for besides each one's own count (a quarter of an hour).
  public static let pollSweepEvery: TimeInterval = 15 * 60

  /// How often the review reminders are looked for (every six hours: a reminder comes on the right day).
  public static let reviewRemindersEvery: TimeInterval = 6 * 3600

  /// Does one job's work.
  public func run(_ job: Job) async throws {
    guard let kind = JobKind(rawValue: job.kind) else { throw JobError.unknownKind(job.kind) }
    let data = Data(job.payload.utf8)
    switch kind {
    case .passwordResetMail:
      let mail = try JSONDecoder().decode(PasswordResetMail.self, from: data)
      try await requestPasswordReset(email: mail.email, from: mail.address)
    case .messageMail:
      let mail = try JSONDecoder().decode(MessageMail.self, from: data)
      guard let message = try await store.message(ID(mail.messageID)),
        let account = try await store.account(message.accountID), let email = account.email
      else { return }  // gone since, or nobody to mail: the message stays in the app
      let link = message.link.map { "\n\n" + links.siteLink($0) } ?? ""
      try await mailer.send(
        to: email, subject: message.subject, body: "Hello \(account.name),\n\n\(message.body)\(link)")
    case .planWeek:
      try await runWeekPlan(try JSONDecoder().decode(PlanWeekJob.self, from: data))
    case .widenCover:
      try await runWidenCover(try JSONDecoder().decode(WidenCoverJob.self, from: data))
    case .expireMedia:
      try await expireMedia()
      try await store.enqueue(
        JobKind.expireMedia.rawValue, payload: "{}", runAt: effects.now().addingTimeInterval(Self.mediaExpiryEvery),
        env: effects)
    case .settleHours:
      try await settleAllHours()
      try await store.enqueue(
        JobKind.settleHours.rawValue, payload: "{}", runAt: effects.now().addingTimeInterval(Self.hoursSettleEvery),
        env: effects)
    case .remindReviews:
      try await sendReviewReminders()
      try await store.enqueue(
        JobKind.remindReviews.rawValue, payload: "{}",
        runAt: effects.now().addingTimeInterval(Self.reviewRemindersEvery), env: effects)
    case .countPolls:
      try await countDuePolls()
    case .sweepPolls:
      try await countDuePolls()
      try await store.enqueue(
        JobKind.sweepPolls.rawValue, payload: "{}", runAt: effects.now().addingTimeInterval(Self.pollSweepEvery),
        env: effects)
    case .settleTeamDecisions:
      try await settleTeamDecisions()
      try await store.enqueue(
        JobKind.settleTeamDecisions.rawValue, payload: "{}",
        runAt: effects.now().addingTimeInterval(Self.teamSettleEvery), env: effects)
    case .invitationMail:
      let mail = try JSONDecoder().decode(InvitationMail.self, from: data)
      guard let invitee = try await store.account(ID(mail.accountID)),
        let personName = try await store.personNames([ID(mail.personID)])[ID(mail.personID)]
      else { return }  // gone since: nothing to send
      let subject = "\(personName) invites you into their team"
      if mail.isNewAccount {
        try await sendPasswordLink(to: invitee, subject: subject)
      } else if let email = invitee.email {
        try await mailer.send(
          to: email, subject: subject, body: "Sign in to answer: \(links.teamLink(ID(mail.personID)))")
      }
    }
  }

  /// Claims and runs due jobs, one at a time, until none is due (or `limit` have run); returns how many ran.
  /// A failed job runs again after a growing wait, and is given up (kept, with its error) after
  /// `jobTries` tries or if no code knows its kind.
  @discardableResult
  public func runDueJobs(worker: String, lease: TimeInterval = 300, limit: Int = 1000) async throws -> Int {
    var ran = 0
    while ran < limit, let job = try await store.claimJob(by: worker, now: effects.now(), lease: lease) {
      ran += 1
      do {
        try await run(job)
        try await store.completeJob(job.id, by: worker, now: effects.now())
      } catch {
        let givesUp = job.attempts >= Self.jobTries || error is JobError
        try await store.failJob(
          job.id, by: worker, error: String(describing: error),
          retryAt: givesUp ? nil : effects.now().addingTimeInterval(Self.retryWait(afterTry: job.attempts)),
          now: effects.now())
      }
    }
    return ran
  }
}

public enum JobError: Error, Equatable {
  case unknownKind(String)
}
