import Foundation

/// What an audit event records. Raw values are stored; add cases, never rename them.
/// What an audit event records, named by capability (`team.invite`, `cover.take`). Raw values are stored:
/// add cases, never rename them. The log is append-only and is never rewritten, so lines written before the
/// names were namespaced (session 11) keep their old bare names (`invite`) and are read through `legacy`.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
  case setUpCoop = "coop.set-up"
  case signIn = "account.sign-in"
  case signInFailed = "account.sign-in-failed"
  case signOut = "account.sign-out"
  case passwordResetRequested = "account.password-reset-requested"
  case passwordReset = "account.password-reset"
  case viewTeam = "team.view"
  case createPerson = "team.create-person"
  case invite = "team.invite"
  case acceptInvitation = "team.accept-invitation"
  case declineInvitation = "team.decline-invitation"
  case removeFromTeam = "team.remove"
  case createCircle = "circle.create"
  case joinCircle = "circle.join"
  case leaveCircle = "circle.leave"
  case splitCircle = "circle.split"
  case addMember = "member.add"
  case changeMember = "member.change"
  case startEngagement = "engagement.start"
  case handOverHat = "hat.hand-over"
  case changePreferences = "account.change-preferences"
  case viewWhoLooked = "audit.view-who-looked"
  case signInRefused = "account.sign-in-refused"
  case accessRefused = "access.refused"
  case changePersonDetails = "team.change-person-details"
  case changeName = "account.change-name"
  case emailChangeRequested = "account.email-change-requested"
  case changeEmail = "account.change-email"
  case changeHome = "week.change-home"
  case proposePattern = "week.propose-pattern"
  case agreePattern = "week.agree-pattern"
  case declinePattern = "week.decline-pattern"
  case changeConsentZone = "week.change-consent-zone"
  case changeTraining = "week.change-training"
  case planWeek = "rota.plan-week"
  case stopPlanningWeek = "rota.stop-planning-week"
  case publishWeek = "rota.publish-week"
  case changeVisit = "rota.change-visit"
  case askCover = "cover.ask"
  case takeCover = "cover.take"
  case declineCover = "cover.decline"
  case widenCover = "cover.widen"
  case seeCoveredVisit = "cover.see-visit"
  case startOverride = "safeguarding.start-override"
  case useOverride = "safeguarding.use-override"
  case endOverride = "safeguarding.end-override"
  case writeRecord = "record.write"
  case viewRecord = "record.view"
  case confirmTimes = "record.confirm-times"
  case disputeTimes = "record.dispute-times"
  case proposeMedicine = "medicine.propose"
  case agreeMedicine = "medicine.agree"
  case declineMedicine = "medicine.decline"
  case viewMedicines = "medicine.view"
  case viewPlan = "plan.view"
  case proposePlanChange = "plan.propose"
  case agreePlanChange = "plan.agree"
  case declinePlanChange = "plan.decline"
  case setPlanReview = "plan.set-review"
  case holdPlanReview = "plan.hold-review"
  case addGoal = "plan.add-goal"
  case addGoalStep = "plan.add-goal-step"
  case noteGoalProgress = "plan.note-goal-progress"
  case setGoalStatus = "plan.set-goal-status"
  case viewDocument = "document.view"
  case downloadDocument = "document.download"
  case addDocument = "document.add"
  case addDocumentVersion = "document.add-version"
  case changeDocumentVisibility = "document.change-visibility"
  case recordSharing = "document.record-sharing"
  case endSharing = "document.end-sharing"
  case exportRegister = "member.export-register"
  case propose = "governance.propose"
  case vote = "governance.vote"
  case closePoll = "governance.close-poll"
  case raiseConcern = "concern.raise"
  case moveConcern = "concern.step"
  case viewConcern = "concern.view"
  case callMeeting = "meeting.call"
  case recordAttendance = "meeting.attendance"
  case writeMinutes = "meeting.minutes"
  case approveMinutes = "meeting.approve-minutes"
  case setTeamSay = "team.set-say"
  case answerTeamDecision = "team.answer-decision"
  case settleTeamDecision = "team.settle-decision"
  case askHandover = "hat.ask-hand-over"
  case answerHandover = "hat.answer-hand-over"
  case turnOnSecondFactor = "account.second-factor-on"
  case reviewOverride = "team.review-override"
  case useSecondFactor = "account.second-factor-used"
  case secondFactorRefused = "account.second-factor-refused"
  case addToLibrary = "library.add"
  case addLibraryVersion = "library.add-version"
  case changeRecordSettings = "record.change-settings"
  case giveMediaConsent = "media.give-consent"
  case withdrawMediaConsent = "media.withdraw-consent"
  case addMedia = "media.add"
  case viewMedia = "media.view"
  case removeMedia = "media.remove"
  case answerMediaRequest = "media.answer"
  case recordFunding = "hours.record-agreement"
  case bankHours = "hours.bank"
  case drawHours = "hours.draw"
  case settleHours = "hours.settle"
  case correctHours = "hours.correct"
  case issueInvoices = "money.issue-invoices"
  case creditInvoice = "money.credit-invoice"
  case runPay = "money.run-pay"
  case choosePay = "money.choose-pay"
  case askForBalance = "money.ask-for-balance"
  case choosePayments = "money.choose-payments"
  case askToSettlePayments = "money.ask-to-settle-payments"

  /// The stored names used before actions were namespaced by capability: the case names themselves.
  public static let legacy: [String: AuditAction] = Dictionary(
    uniqueKeysWithValues: allCases.map { (String(describing: $0), $0) })

  /// Reads a stored name, new or legacy; nil for a name this version does not know.
  public init?(stored: String) {
    if let action = AuditAction(rawValue: stored) {
      self = action
    } else if let action = Self.legacy[stored] {
      self = action
    } else {
      return nil
    }
  }

  /// The capability the action belongs to: the part before the dot.
  public var capability: Substring { rawValue.prefix { $0 != "." } }

  /// Plain words for "who looked at my things".
  public var label: String {
    switch self {
    case .setUpCoop: "set up the co-op"
    case .signIn: "signed in"
    case .signInFailed: "failed to sign in"
    case .signOut: "signed out"
    case .passwordResetRequested: "asked for a password reset"
    case .passwordReset: "reset their password"
    case .viewTeam: "looked at the team"
    case .createPerson: "added a person and their team"
    case .invite: "invited someone into the team"
    case .acceptInvitation: "joined the team"
    case .declineInvitation: "said no to joining the team"
    case .removeFromTeam: "took someone out of the team"
    case .createCircle: "started a circle"
    case .joinCircle: "joined a circle"
    case .leaveCircle: "left a circle"
    case .splitCircle: "split a circle: teams and workers moved to a new one"
    case .addMember: "added a member"
    case .startEngagement: "started or changed a worker's engagement (basis and pay)"
    case .changeMember: "changed a member's class, share or leaving date"
    case .handOverHat: "handed over a hat"
    case .changePreferences: "changed how pages are shown to them"
    case .viewWhoLooked: "looked at who looked"
    case .signInRefused: "was refused sign-in after too many tries"
    case .accessRefused: "was refused something they may not see or do"
    case .changePersonDetails: "changed the person's circle or communication needs"
    case .changeName: "changed their name"
    case .emailChangeRequested: "asked to change their e-mail address"
    case .changeEmail: "changed their e-mail address"
    case .changeHome: "changed the home's address or details"
    case .proposePattern: "proposed a change to the week's visits"
    case .agreePattern: "agreed to a change to the week's visits"
    case .declinePattern: "said no to a change to the week's visits"
    case .changeConsentZone: "changed what they agree to do"
    case .changeTraining: "changed what a worker is trained for"
    case .planWeek: "asked the rota engine to plan a week"
    case .stopPlanningWeek: "stopped the rota engine planning a week"
    case .publishWeek: "published a week's visits"
    case .changeVisit: "changed a visit on a draft week"
    case .askCover: "said a worker cannot make a visit: it went to cover"
    case .takeCover: "took a visit as cover"
    case .declineCover: "said no to covering a visit"
    case .widenCover: "offered a visit needing cover to more workers"
    case .startOverride: "started a safeguarding override on the team"
    case .useOverride: "acted over the team's say, under a safeguarding override"
    case .endOverride: "ended a safeguarding override"
    case .seeCoveredVisit: "saw the address and tasks of a visit they cover (from outside the team)"
    case .writeRecord: "wrote in the record of a visit"
    case .viewRecord: "looked at visit records"
    case .confirmTimes: "confirmed a visit's times"
    case .disputeTimes: "said a visit's times are wrong"
    case .proposeMedicine: "proposed a change to the medicines"
    case .agreeMedicine: "agreed to a change to the medicines"
    case .declineMedicine: "said no to a change to the medicines"
    case .viewMedicines: "looked at the medicines and their chart"
    case .viewPlan: "looked at the support plan"
    case .proposePlanChange: "proposed a change to the support plan"
    case .agreePlanChange: "agreed to a change to the support plan"
    case .declinePlanChange: "said no to a change to the support plan"
    case .setPlanReview: "set the date of the next review of the support plan"
    case .holdPlanReview: "recorded a review of the support plan"
    case .addGoal: "added a goal to the support plan"
    case .addGoalStep: "added a step to a goal"
    case .noteGoalProgress: "noted progress on a goal"
    case .setGoalStatus: "marked a goal achieved, set aside, or picked up again"
    case .viewDocument: "looked at documents"
    case .downloadDocument: "opened a document"
    case .addDocument: "added a document"
    case .addDocumentVersion: "added a new version of a document"
    case .changeDocumentVisibility: "changed who sees a document"
    case .recordSharing: "recorded an agreement to share documents with a professional"
    case .endSharing: "ended an agreement to share documents with a professional"
    case .exportRegister: "downloaded the register of members"
    case .propose: "put a proposal to the co-op"
    case .vote: "answered a proposal's poll"
    case .closePoll: "a proposal's poll closed and was counted"
    case .raiseConcern: "raised a concern, a suggestion or a compliment"
    case .moveConcern: "moved a concern on (acknowledged, looked into, or its outcome)"
    case .viewConcern: "read a concern raised about the person's support"
    case .callMeeting: "called a members' meeting, with notice to every member"
    case .recordAttendance: "recorded who came to a members' meeting"
    case .writeMinutes: "wrote or corrected the minutes of a members' meeting"
    case .approveMinutes: "recorded that a meeting approved an earlier meeting's minutes as a true record"
    case .setTeamSay: "changed how the team decides about the person's support"
    case .answerTeamDecision: "answered a decision the team makes about the person's support"
    case .settleTeamDecision: "a decision about the person's support was made by the team's say"
    case .askHandover: "asked a second hat holder to approve handing a privileged hat over"
    case .answerHandover: "approved or refused handing a privileged hat over"
    case .reviewOverride: "reviewed a safeguarding override: was it justified?"
    case .turnOnSecondFactor: "turned on a second step when signing in (an authenticator app)"
    case .useSecondFactor: "proved who they are with their authenticator app or a recovery code"
    case .secondFactorRefused: "gave a code from an authenticator app that was not right"
    case .addToLibrary: "added a document to the co-op's library"
    case .addLibraryVersion: "added a new version of a document in the co-op's library"
    case .changeRecordSettings: "changed what is decided about the visit records"
    case .giveMediaConsent: "said yes to photos, voice notes or videos"
    case .withdrawMediaConsent: "withdrew a yes to photos, voice notes or videos"
    case .addMedia: "added a photo, voice note or video"
    case .viewMedia: "looked at a photo, voice note or video"
    case .removeMedia: "a photo, voice note or video was removed"
    case .answerMediaRequest: "answered whether a photo, voice note or video may be kept"
    case .recordFunding: "recorded a funding agreement"
    case .bankHours: "banked hours"
    case .drawHours: "drew banked hours"
    case .settleHours: "the period's hours were given, lapsed or expired"
    case .correctHours: "undid banking or drawing hours, with why"
    case .issueInvoices: "issued invoices"
    case .creditInvoice: "issued a credit note"
    case .runPay: "ran pay"
    case .choosePay: "chose plain or steady pay"
    case .askForBalance: "asked to be paid their steady pay balance"
    case .choosePayments: "chose how to pay towards their care"
    case .askToSettlePayments: "asked to settle their steady payments balance"
    }
  }
}

/// One append-only line of the audit log: who did what, when (UTC), on whose behalf, to whose things.
public struct AuditEvent: Hashable, Sendable, Codable {
  public let id: ID<AuditEvent>
  public let coopID: ID<Coop>?
  public let at: Date
  public let actorID: ID<Account>?
  /// Set when an arranger acted for the person.
  public let onBehalfOf: ID<Person>?
  /// Whose things were touched or seen, for the person's own "who looked" view.
  public let personID: ID<Person>?
  public let action: AuditAction
  public let detail: String

  public init(
    id: ID<AuditEvent>, coopID: ID<Coop>?, at: Date, actorID: ID<Account>?,
    onBehalfOf: ID<Person>?, personID: ID<Person>?, action: AuditAction, detail: String
  ) {
    self.id = id
    self.coopID = coopID
    self.at = at
    self.actorID = actorID
    self.onBehalfOf = onBehalfOf
    self.personID = personID
    self.action = action
    self.detail = detail
  }
}
