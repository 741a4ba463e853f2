import Foundation

/// Everything a member may try to do, with the thing it is done to.
public enum Action: Sendable {
  case viewTeam(TeamFacts)
  /// The log of who saw or changed the person's things.
  case viewWhoLooked(TeamFacts)
  case changeTeam(TeamFacts)
  /// The person's own details: their circle (moving the team) and communication needs.
  case changePersonDetails(TeamFacts)
  case respondToInvitation(TeamFacts)
  case createPerson(ID<Coop>)
  case viewCircle(coop: ID<Coop>)
  case manageCircles(coop: ID<Coop>)
  case joinOrLeaveCircle(coop: ID<Coop>)
  case viewMemberRegister(coop: ID<Coop>)
  case changeMemberRegister(coop: ID<Coop>)
  case viewHats(coop: ID<Coop>)
  case handOverHat(coop: ID<Coop>)
  /// Plan a circle's week with the rota engine (and, to come, change and publish it).
  case planWeek(coop: ID<Coop>, circle: ID<Circle>)
  /// Say a worker cannot make visits of theirs (in the circle), so they go to cover.
  case askCover(coop: ID<Coop>, circle: ID<Circle>, worker: ID<Account>)
  /// Accept or say no to a cover offer made to the worker.
  case answerCover(coop: ID<Coop>, worker: ID<Account>)
  /// Propose a new version of the person's support pattern (anyone in the team, the circle's rota keeper).
  case proposePattern(TeamFacts)
  /// Agree to a proposed version, or not: the person, or their arranger for them (the team's final say).
  case answerPattern(TeamFacts)
  /// Set where the person lives and its position (the person, their arranger, the rota keeper).
  case changeHome(TeamFacts)
  /// Change what a worker agrees to (availability, hours, travel, tasks, homes, cover): theirs alone.
  case changeConsentZone(coop: ID<Coop>, worker: ID<Account>)
  /// Start (or end) a safeguarding override on the person's team: the circle's safeguarding lead, the
  /// registered manager.
  case overrideSafeguarding(TeamFacts)
  /// Review a safeguarding override after it started (was it justified?): a second hat holder — the circle's
  /// safeguarding lead or the registered manager — never the override's own holder.
  case reviewOverride(TeamFacts, holder: ID<Account>)
  /// See a worker's engagements (basis and pay): the worker, administrators, the finance hat.
  case viewEngagement(coop: ID<Coop>, worker: ID<Account>)
  /// Start or change a worker's engagement: administrators, the finance hat.
  case changeEngagement(coop: ID<Coop>)
  /// Write the record of a published visit (its workers).
  case recordVisit(VisitFacts)
  /// Read a person's visit records (how much: `RecordView`).
  case viewRecords(TeamFacts)
  /// Read the person's notes of the last days before going in, as one of a visit's workers: those in the
  /// team whenever, a cover worker from outside it only while the visit is under way
  /// (`RotaVisit.isUnderWay`).
  case readBeforeVisit(VisitFacts, underWay: Bool)
  /// Say a visit's times are right, or dispute them, for the person (the person, their arranger).
  case confirmVisitTimes(TeamFacts)
  /// See the person's medicines and their chart (the person, their team, the registered manager, the
  /// circle's safeguarding lead).
  case viewMedicines(TeamFacts)
  /// Propose a medicine, a change to one or a stop (anyone in the team, the registered manager).
  case proposeMedicine(TeamFacts)
  /// Agree to a proposed change of medicines, or not: the person, or their arranger for them.
  case answerMedicine(TeamFacts)
  /// See the person's support plan and its history (the person, their team, the registered manager, the
  /// circle's safeguarding lead).
  case viewPlan(TeamFacts)
  /// Propose a change to a section of the plan (anyone in the team, the registered manager).
  case proposePlanChange(TeamFacts)
  /// Agree to a proposed change of the plan, with or without changes, or not: the person, or their arranger.
  case answerPlanChange(TeamFacts)
  /// Change what the person decides about their records (auto-confirmation, personal care shown to family):
  /// the person, or their arranger for them.
  case changeRecordSettings(TeamFacts)
  /// See the person's photos, voice notes and videos (as far as each item's audience allows) and their
  /// consents: the person and their team, the registered manager, the circle's safeguarding lead.
  case viewMedia(TeamFacts)
  /// Add a photo, voice note or video to the person's records (it needs their consent): the person and
  /// anyone in their team.
  case addMedia(TeamFacts)
  /// Give or withdraw consent to media: the person, or their arranger for them.
  case changeMediaConsent(TeamFacts)
  /// See the person's hours (used, left, banked, expiring) and their agreements' hours and rules: the person
  /// and their team, the circle's rota keeper, the registered manager, the finance hat. The rates (money)
  /// only for `viewMoney`.
  case viewHours(TeamFacts)
  /// Bank or draw the person's hours: the person's choice, or their arranger's for them.
  case changeHours(TeamFacts)
  /// See what the person's support costs (agreements' rates, invoices): the person, their arranger, the
  /// finance hat.
  case viewMoney(TeamFacts)
  /// Record a funding agreement of the person's: the finance hat.
  case manageFunding(TeamFacts)
  /// Run, read, export and credit the co-op's invoices (every funder's, every person's lines): the finance
  /// hat only.
  case invoice(coop: ID<Coop>)
  /// Run pay for a period and read every worker's payslips, export them for payroll: the finance hat.
  case runPay(coop: ID<Coop>)
  /// Read a worker's own payslips: the worker, and the finance hat.
  case viewPay(coop: ID<Coop>, worker: ID<Account>)
  /// Choose plain or steady pay, ask for the smoothing balance: the worker alone (it is their money).
  case choosePay(coop: ID<Coop>, worker: ID<Account>)
  /// Choose how to pay towards one's own care (as invoiced, or a steady amount), ask to settle the balance:
  /// the person, or their arranger for them.
  case choosePayments(TeamFacts)
  /// See the person's documents library (each document as far as its visibility, and for a professional the
  /// person's sharing agreement, allows): the person and their team, the registered manager, the circle's
  /// safeguarding lead.
  case viewDocuments(TeamFacts)
  /// Add a document (or a new version of one the adder can see): the person, anyone in their team, the
  /// registered manager.
  case addDocument(TeamFacts)
  /// Set who sees the person's documents, record or end sharing agreements with professionals: the person,
  /// or their arranger for them.
  case changeDocumentSharing(TeamFacts)
  /// Read the co-op's library and its circles' (each document as far as its audience allows): anyone in the
  /// co-op.
  case viewLibrary(coop: ID<Coop>)
  /// Add a document, or a version, to the co-op's shelf (`circle` nil: administrators and the registered
  /// manager) or a circle's (its workers, its rota keeper and safeguarding lead, and those).
  case addToLibrary(coop: ID<Coop>, circle: ID<Circle>?)
  /// Read the co-op's proposals, how each member answered and why, the results; recount a closed poll: anyone
  /// in the co-op.
  case viewProposals(coop: ID<Coop>)
  /// Put a proposal to the co-op: its members, and administrators.
  case propose(coop: ID<Coop>)
  /// Answer a proposal's poll: members (one member, one vote).
  case vote(coop: ID<Coop>)
  /// Enter a member's postal or proxy vote for them: administrators, the registered manager and the onboarding
  /// hat (who keep in touch with members who do not use the site).
  case enterVotes(coop: ID<Coop>)
  /// Raise a concern, a suggestion or a compliment, and read one's own: anyone in the co-op.
  case raiseConcern(coop: ID<Coop>)
  /// Read every concern and move one on: administrators and the registered manager.
  case handleConcerns(coop: ID<Coop>)
  /// Set how decisions about the person's support are made (`TeamSay`): the person, or their arranger for
  /// them (not when the person chose to decide alone — the store checks that).
  case setTeamSay(TeamFacts)
  /// See the team's decisions and answer one (yes or no for the person's side; consent, a concern or an
  /// objection for the rest of the team): the person and their active team.
  case weighIn(TeamFacts)
  /// Approve or refuse a hand-over of a privileged hat waiting for a second hat holder: administrators and
  /// privileged hat holders, never the one who asked nor the one who would wear it.
  case approveHandover(coop: ID<Coop>, askedBy: ID<Account>, to: ID<Account>)
  /// Call a members' meeting (with notice to every member), take its attendance and write its minutes:
  /// administrators, the registered manager and the onboarding hat (who keep in touch with members). Anyone in
  /// the co-op reads its meetings (`viewProposals`).
  case runMeetings(coop: ID<Coop>)
  /// Read how the co-op is doing — continuity week by week, where plan reviews stand — in figures with no
  /// names: anyone in the co-op (the members own it; the regulator and commissioners are shown the same).
  case viewQuality(coop: ID<Coop>)

  /// The action without its facts: the policy's tests must have rows for every kind.
  public enum Kind: String, CaseIterable, Sendable {
    case viewTeam, viewWhoLooked, changeTeam, changePersonDetails, respondToInvitation, createPerson, viewCircle
    case manageCircles
    case joinOrLeaveCircle, viewMemberRegister, changeMemberRegister, viewHats, handOverHat
    case planWeek, askCover, answerCover, changeConsentZone, proposePattern, answerPattern, changeHome
    case overrideSafeguarding, reviewOverride, viewEngagement, changeEngagement, recordVisit, viewRecords,
      confirmVisitTimes
    case viewMedicines, proposeMedicine, answerMedicine, changeRecordSettings, viewMedia, addMedia
    case viewPlan, proposePlanChange, answerPlanChange
    case changeMediaConsent, readBeforeVisit, viewHours, changeHours, viewMoney, manageFunding, invoice
    case runPay, viewPay, choosePay, choosePayments
    case viewDocuments, addDocument, changeDocumentSharing
    case viewLibrary, addToLibrary
    case viewProposals, propose, vote, enterVotes
    case raiseConcern, handleConcerns
    case setTeamSay, weighIn, approveHandover
    case runMeetings, viewQuality
  }

  public var kind: Kind {
    switch self {
    case .viewTeam: .viewTeam
    case .viewWhoLooked: .viewWhoLooked
    case .changeTeam: .changeTeam
    case .changePersonDetails: .changePersonDetails
    case .respondToInvitation: .respondToInvitation
    case .createPerson: .createPerson
    case .viewCircle: .viewCircle
    case .manageCircles: .manageCircles
    case .joinOrLeaveCircle: .joinOrLeaveCircle
    case .viewMemberRegister: .viewMemberRegister
    case .changeMemberRegister: .changeMemberRegister
    case .viewHats: .viewHats
    case .handOverHat: .handOverHat
    case .planWeek: .planWeek
    case .askCover: .askCover
    case .answerCover: .answerCover
    case .changeConsentZone: .changeConsentZone
    case .proposePattern: .proposePattern
    case .answerPattern: .answerPattern
    case .changeHome: .changeHome
    case .overrideSafeguarding: .overrideSafeguarding
    case .reviewOverride: .reviewOverride
    case .viewEngagement: .viewEngagement
    case .changeEngagement: .changeEngagement
    case .recordVisit: .recordVisit
    case .viewRecords: .viewRecords
    case .confirmVisitTimes: .confirmVisitTimes
    case .viewMedicines: .viewMedicines
    case .proposeMedicine: .proposeMedicine
    case .answerMedicine: .answerMedicine
    case .viewPlan: .viewPlan
    case .proposePlanChange: .proposePlanChange
    case .answerPlanChange: .answerPlanChange
    case .changeRecordSettings: .changeRecordSettings
    case .viewMedia: .viewMedia
    case .addMedia: .addMedia
    case .changeMediaConsent: .changeMediaConsent
    case .readBeforeVisit: .readBeforeVisit
    case .viewHours: .viewHours
    case .changeHours: .changeHours
    case .viewMoney: .viewMoney
    case .manageFunding: .manageFunding
    case .invoice: .invoice
    case .runPay: .runPay
    case .viewPay: .viewPay
    case .choosePay: .choosePay
    case .choosePayments: .choosePayments
    case .viewDocuments: .viewDocuments
    case .addDocument: .addDocument
    case .changeDocumentSharing: .changeDocumentSharing
    case .viewLibrary: .viewLibrary
    case .addToLibrary: .addToLibrary
    case .viewProposals: .viewProposals
    case .propose: .propose
    case .vote: .vote
    case .enterVotes: .enterVotes
    case .raiseConcern: .raiseConcern
    case .handleConcerns: .handleConcerns
    case .setTeamSay: .setTeamSay
    case .weighIn: .weighIn
    case .approveHandover: .approveHandover
    case .runMeetings: .runMeetings
    case .viewQuality: .viewQuality
    }
  }
}
