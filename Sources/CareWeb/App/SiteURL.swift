import CareCases
import CareCore
import CareLedger
import Vapor

/// Every page and form address, typed. Routes are registered from these and views link with them,
/// so a link cannot point at a page that does not exist.
enum SiteURL: Hashable {
  /// `signInCode`: the second step of signing in, for an account with an authenticator app.
  case home, setup, signIn, signInCode, signOut, forgotPassword
  case resetPassword(token: String?)
  case health
  /// The signed-in member's messages, newest first; page 1 is the newest.
  case messages(page: Int = 1)
  /// How the co-op is doing, in figures without names.
  case quality
  case people
  case team(Parameter<ID<Person>>)
  case teamInvite(Parameter<ID<Person>>)
  /// The person's circle and communication needs.
  case teamDetails(Parameter<ID<Person>>)
  /// Newest first, `Cases.whoLookedPerPage` lines a page; page 1 is the newest.
  case teamWhoLooked(Parameter<ID<Person>>, page: Int = 1)
  case teamRespond(Parameter<ID<Person>>)
  case teamRemove(Parameter<ID<Person>>, Parameter<ID<TeamMembership>>)
  /// Safeguarding overrides on the team: the list and starting one (GET, POST), ending one (POST).
  case teamSafeguarding(Parameter<ID<Person>>)
  case teamSafeguardingEnd(Parameter<ID<Person>>, Parameter<ID<AccessGrant>>)
  case teamSafeguardingReview(Parameter<ID<Person>>, Parameter<ID<AccessGrant>>)
  case circles
  case circle(Parameter<ID<Circle>>)
  case circleJoin(Parameter<ID<Circle>>)
  case circleLeave(Parameter<ID<Circle>>)
  /// Splitting a circle that has grown too big (administrators).
  case circleSplit(Parameter<ID<Circle>>)
  /// The rota keeper's page for the circle's week (`?week=` a Monday; this week when absent): the
  /// engine's progress, the draft, the published week.
  case circleWeek(Parameter<ID<Circle>>, week: Day? = nil)
  /// How far the engine has got (JSON for the page's script, which reloads the page when it is done).
  case circleWeekProgress(Parameter<ID<Circle>>, week: Day? = nil)
  /// Forms: start the engine on the week, stop it, publish the draft.
  case circleWeekPlan(Parameter<ID<Circle>>)
  case circleWeekStop(Parameter<ID<Circle>>)
  case circleWeekPublish(Parameter<ID<Circle>>)
  /// The form to give a draft's visit to another worker or time.
  case circleWeekVisit(Parameter<ID<Circle>>, Parameter<ID<RotaVisit>>)
  /// The person's support pattern (versions, answers), the form proposing a change, the answer to one,
  /// and the person's home.
  case teamPattern(Parameter<ID<Person>>)
  case teamPatternNew(Parameter<ID<Person>>)
  case teamPatternAnswer(Parameter<ID<Person>>, Parameter<ID<PatternVersion>>)
  case teamHome(Parameter<ID<Person>>)
  /// Who is coming when: the person's published week, for them and their team.
  case teamWeek(Parameter<ID<Person>>, week: Day? = nil)
  /// The signed-in worker's own published week.
  case myWeek(week: Day? = nil)
  /// Cover: the worker's offers and what they cannot make; the form to say they cannot make a visit, or
  /// cannot work some days; the form answering an offer (yes or no).
  case myCover
  /// What the worker agrees to (their zone of consent): the form.
  case myConsent
  case myVisitCover(Parameter<ID<RotaVisit>>)
  case myAway
  case coverOffer(Parameter<ID<CoverOffer>>)
  /// A private iCalendar feed at its secret token; forms to get a new address or stop it (own visits, a week).
  case calendarFeed(Parameter<String>)
  case myCalendar, myCalendarStop, members, hats
  case teamCalendar(Parameter<ID<Person>>)
  case teamCalendarStop(Parameter<ID<Person>>)
  /// Proposals: the list and a new one (GET, POST); one; its parts (`ProposalPart`); the co-op's settings.
  case proposals, settings
  case proposal(Parameter<ID<Proposal>>)
  case proposalPart(Parameter<ID<Proposal>>, ProposalPart)
  /// Members' meetings: the list and calling one (GET, POST); one; its parts (`MeetingPart`).
  case meetings
  case meeting(Parameter<ID<Meeting>>)
  case meetingPart(Parameter<ID<Meeting>>, MeetingPart)
  /// Concerns and feedback: the list and a new one (GET, POST); one; a step it takes (POST).
  case concerns
  case concern(Parameter<ID<Concern>>)
  case concernSteps(Parameter<ID<Concern>>)
  /// The register of members as CSV (administrators): every member, past and present.
  case membersCSV
  /// A membership for someone already in the co-op.
  case memberFromAccount
  /// One member's line of the register: class, share, leaving day.
  case member(Parameter<ID<Member>>)
  /// A worker's engagements (basis and pay), and starting a new one.
  case workerEngagements(Parameter<ID<Account>>)
  /// A visit's record: its workers write it (GET the page, POST one entry); the person and team read it.
  case visitRecord(Parameter<ID<RotaVisit>>)
  /// The visit's times: the worker confirms them; the person (or arranger) says they are right or not.
  case visitTimes(Parameter<ID<RotaVisit>>)
  case visitTimesAnswer(Parameter<ID<RotaVisit>>)
  /// What the person decides about their records (GET the form, POST it).
  case teamRecordSettings(Parameter<ID<Person>>)
  /// How the team decides (GET, POST), one decision (GET, POST an answer).
  case teamSay(Parameter<ID<Person>>)
  case teamDecision(Parameter<ID<Person>>, Parameter<ID<TeamDecision>>)
  /// The person's visits as they happened, between two days (the last four weeks when absent).
  case teamVisits(Parameter<ID<Person>>, from: Day? = nil, through: Day? = nil)
  /// A person's medicines: the list (GET), a new one (GET the form, POST), a change or stop of one (GET,
  /// POST), the person's answer to a change (POST), and the chart for 28 days from `from` (GET, printable).
  case teamMedicines(Parameter<ID<Person>>)
  case teamMedicineNew(Parameter<ID<Person>>)
  case teamMedicineChange(Parameter<ID<Person>>, Parameter<ID<Medicine>>)
  case teamMedicineAnswer(Parameter<ID<Person>>, Parameter<ID<MedicineVersion>>)
  case teamMedicineChart(Parameter<ID<Person>>, from: Day? = nil)
  /// The person's photos, voice notes and videos, with their consents; giving one, withdrawing one.
  case teamMedia(Parameter<ID<Person>>)
  case teamMediaConsents(Parameter<ID<Person>>)
  case teamMediaConsentWithdraw(Parameter<ID<Person>>, Parameter<ID<MediaConsent>>)
  case teamMediaAnswer(Parameter<ID<Person>>, Parameter<ID<MediaItem>>)
  /// One item's bytes (range requests answered).
  case mediaContent(Parameter<ID<MediaItem>>)
  /// The person's hours; banking and drawing them (two steps); recording a funding agreement.
  case teamHours(Parameter<ID<Person>>)
  /// The person's support plan; a section's page (its words, proposing a change); proposing (POST); the
  /// answer to a change (POST); the history of every change.
  case teamPlan(Parameter<ID<Person>>)
  case teamPlanSection(Parameter<ID<Person>>, Parameter<PlanSection>)
  case teamPlanChanges(Parameter<ID<Person>>)
  case teamPlanAnswer(Parameter<ID<Person>>, Parameter<ID<PlanChange>>)
  case teamPlanHistory(Parameter<ID<Person>>)
  /// Setting the date of the next review; recording one held (POST).
  case teamPlanReviewDate(Parameter<ID<Person>>)
  case teamPlanReviews(Parameter<ID<Person>>)
  /// Goals: a new one (POST); one goal's page (its steps, its chart, its notes); a step added, progress
  /// noted, the goal achieved, set aside or picked up again (POST).
  case teamPlanGoals(Parameter<ID<Person>>)
  case teamPlanGoal(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
  case teamPlanGoalSteps(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
  case teamPlanGoalProgress(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
  case teamPlanGoalStatus(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
  /// The plan to print, of the sections chosen (all when none are): the page, and the same as a tagged PDF.
  case teamPlanPrint(Parameter<ID<Person>>, sections: [PlanSection] = [])
  case teamPlanPDF(Parameter<ID<Person>>, sections: [PlanSection] = [])
  /// The person's documents: the library (GET) and a new document (POST, multipart, streamed); their
  /// sharing agreements with professionals (GET, POST) and ending one. One document's page; a new version
  /// (POST, streamed); a version's file; who sees it (POST: the first step shows what would change, the
  /// second, confirmed, changes it).
  case teamDocuments(Parameter<ID<Person>>)
  case teamSharing(Parameter<ID<Person>>)
  case teamSharingEnd(Parameter<ID<Person>>, Parameter<ID<SharingAgreement>>)
  case document(Parameter<ID<PersonDocument>>)
  case documentVersions(Parameter<ID<PersonDocument>>)
  case documentFile(Parameter<ID<PersonDocument>>, Parameter<Int>)
  case documentVisibility(Parameter<ID<PersonDocument>>)
  /// The co-op's library and its circles' (GET; POST, multipart, streamed: a new document); one document; a
  /// new version (POST, streamed); a version's file.
  case library
  case libraryDocument(Parameter<ID<LibraryDocument>>)
  case libraryVersions(Parameter<ID<LibraryDocument>>)
  case libraryFile(Parameter<ID<LibraryDocument>>, Parameter<Int>)
  /// Search within the person's documents and plan (`?q=`).
  case teamSearch(Parameter<ID<Person>>, query: String? = nil)
  /// What the person pays towards their care: the statement, their choice of steady payments, settling.
  case teamPayments(Parameter<ID<Person>>)
  case teamPaymentsSteady(Parameter<ID<Person>>)
  case teamPaymentsSettle(Parameter<ID<Person>>)
  case teamHoursBank(Parameter<ID<Person>>)
  case teamHoursDraw(Parameter<ID<Person>>)
  case teamHoursAgreements(Parameter<ID<Person>>)
  /// Undoing a banking or drawing of the person's, with why (a page, then the form posted to it).
  case teamHoursUndo(Parameter<ID<Person>>, Parameter<ID<HoursEntry>>)
  /// The co-op's invoices and runs (the finance hat); a run (two steps); one invoice, printable; its CSV;
  /// its credit note.
  case invoices
  case invoiceRuns
  case invoice(Parameter<ID<Invoice>>)
  case invoiceCSV(Parameter<ID<Invoice>>)
  case invoicePDF(Parameter<ID<Invoice>>)
  case invoiceCredit(Parameter<ID<Invoice>>)
  /// Pay (the finance hat): the runs; a run (two steps); one run; its payroll CSV. A worker's own payslips,
  /// their choice of plain or steady pay, their request for their steady pay balance.
  case pay, payRuns, myPay, myPaySteady, myPayBalance
  case payRun(Parameter<ID<PayRun>>)
  case payRunCSV(Parameter<ID<PayRun>>)
  case hat(Parameter<ID<Hat>>)
  case hatHandover(Parameter<ID<Hat>>)
  case hatHandoverAnswer(Parameter<ID<Hat>>, Parameter<ID<HandoverRequest>>)
  case easyRead
  /// One's own account: name, e-mail address, the second step when signing in (an authenticator app).
  case account, accountName, accountEmail, accountSecondFactor
  case confirmEmail(token: String?)
  case stylesheet, script

  /// One part of an address: fixed text, or a parameter (named, with its value when linking).
  enum Segment: Equatable {
    case constant(String)
    case parameter(String, value: String?)
  }

  static func p<T>(_ parameter: Parameter<T>, _ name: String = SiteURL.id) -> Segment {
    switch parameter {
    case .key: .parameter(name, value: nil)
    case .value(let value): .parameter(name, value: value.description)
    }
  }

  var segments: [Segment] {
    let c = Segment.constant
    return switch self {
    case .home: []
    case .messages: [c("messages")]
    case .quality: [c("quality")]
    case .setup: [c("setup")]
    case .signIn: [c("sign-in")]
    case .signInCode: [c("sign-in"), c("code")]
    case .signOut: [c("sign-out")]
    case .forgotPassword: [c("forgot-password")]
    case .resetPassword: [c("reset-password")]
    case .health: [c("health")]
    case .people: [c("people")]
    case .team(let id): [c("teams"), Self.p(id)]
    case .teamInvite(let id): [c("teams"), Self.p(id), c("invite")]
    case .teamDetails(let id): [c("teams"), Self.p(id), c("details")]
    case .teamWhoLooked(let id, _): [c("teams"), Self.p(id), c("who-looked")]
    case .teamRespond(let id): [c("teams"), Self.p(id), c("respond")]
    case .teamRemove(let id, let m): [c("teams"), Self.p(id), c("members"), Self.p(m, Self.membershipID), c("remove")]
    case .teamSafeguarding(let id): [c("teams"), Self.p(id), c("safeguarding")]
    case .teamSafeguardingEnd(let id, let g):
      [c("teams"), Self.p(id), c("safeguarding"), Self.p(g, Self.grantID), c("end")]
    case .teamSafeguardingReview(let id, let g):
      [c("teams"), Self.p(id), c("safeguarding"), Self.p(g, Self.grantID), c("review")]
    case .circles: [c("circles")]
    case .circle(let id): [c("circles"), Self.p(id)]
    case .circleJoin(let id): [c("circles"), Self.p(id), c("join")]
    case .circleLeave(let id): [c("circles"), Self.p(id), c("leave")]
    case .circleSplit(let id): [c("circles"), Self.p(id), c("split")]
    case .circleWeek(let id, _): [c("circles"), Self.p(id), c("week")]
    case .circleWeekProgress(let id, _): [c("circles"), Self.p(id), c("week"), c("progress")]
    case .circleWeekPlan(let id): [c("circles"), Self.p(id), c("week"), c("plan")]
    case .circleWeekStop(let id): [c("circles"), Self.p(id), c("week"), c("stop")]
    case .circleWeekPublish(let id): [c("circles"), Self.p(id), c("week"), c("publish")]
    case .circleWeekVisit(let id, let visit):
      [c("circles"), Self.p(id), c("week"), c("visits"), Self.p(visit, Self.visitID)]
    case .teamWeek(let id, _): [c("teams"), Self.p(id), c("week")]
    case .teamPattern(let id): [c("teams"), Self.p(id), c("pattern")]
    case .teamPatternNew(let id): [c("teams"), Self.p(id), c("pattern"), c("new")]
    case .teamPatternAnswer(let id, let v):
      [c("teams"), Self.p(id), c("pattern"), Self.p(v, Self.versionID), c("answer")]
    case .teamHome(let id): [c("teams"), Self.p(id), c("home")]
    case .myWeek: [c("my-week")]
    case .myCover: [c("my-week"), c("cover")]
    case .myConsent: [c("my-week"), c("consent")]
    case .myVisitCover(let visit): [c("my-week"), c("visits"), Self.p(visit, Self.visitID), c("cover")]
    case .visitRecord(let visit): [c("visits"), Self.p(visit, Self.visitID), c("record")]
    case .visitTimes(let visit): [c("visits"), Self.p(visit, Self.visitID), c("times")]
    case .visitTimesAnswer(let visit): [c("visits"), Self.p(visit, Self.visitID), c("times"), c("answer")]
    case .myAway: [c("my-week"), c("away")]
    case .coverOffer(let offer): [c("my-week"), c("cover"), Self.p(offer, Self.offerID)]
    case .calendarFeed(let token): [c("calendars"), Self.p(token, Self.token)]
    case .myCalendar: [c("my-week"), c("calendar")]
    case .myCalendarStop: [c("my-week"), c("calendar"), c("stop")]
    case .teamCalendar(let id): [c("teams"), Self.p(id), c("week"), c("calendar")]
    case .teamCalendarStop(let id): [c("teams"), Self.p(id), c("week"), c("calendar"), c("stop")]
    case .members: [c("members")]
    case .memberFromAccount: [c("members"), c("existing")]
    case .membersCSV: [c("members"), c("register.csv")]
    case .proposals: [c("proposals")]
    case .settings: [c("settings")]
    case .concerns: [c("concerns")]
    case .concern(let id): [c("concerns"), Self.p(id, Self.concernID)]
    case .concernSteps(let id): [c("concerns"), Self.p(id, Self.concernID), c("steps")]
    case .proposal(let id): [c("proposals"), Self.p(id, Self.proposalID)]
    case .proposalPart(let id, let part): [c("proposals"), Self.p(id, Self.proposalID), c(part.rawValue)]
    case .meetings: [c("meetings")]
    case .meeting(let id): [c("meetings"), Self.p(id, Self.meetingID)]
    case .meetingPart(let id, let part): [c("meetings"), Self.p(id, Self.meetingID), c(part.rawValue)]
    case .member(let id): [c("members"), Self.p(id)]
    case .workerEngagements(let id): [c("workers"), Self.p(id), c("engagements")]
    case .teamRecordSettings(let id): [c("teams"), Self.p(id), c("record-settings")]
    case .teamSay(let id): [c("teams"), Self.p(id), c("say")]
    case .teamDecision(let id, let d): [c("teams"), Self.p(id), c("decisions"), Self.p(d, Self.decisionID)]
    case .teamVisits(let id, _, _): [c("teams"), Self.p(id), c("visits")]
    case .teamMedicines(let id): [c("teams"), Self.p(id), c("medicines")]
    case .teamMedicineNew(let id): [c("teams"), Self.p(id), c("medicines"), c("new")]
    case .teamMedicineChange(let id, let m):
      [c("teams"), Self.p(id), c("medicines"), Self.p(m, Self.medicineID), c("change")]
    case .teamMedicineAnswer(let id, let v):
      [c("teams"), Self.p(id), c("medicines"), c("changes"), Self.p(v, Self.versionID), c("answer")]
    case .teamMedicineChart(let id, _): [c("teams"), Self.p(id), c("medicines"), c("chart")]
    case .teamMedia(let id): [c("teams"), Self.p(id), c("media")]
    case .teamMediaConsents(let id): [c("teams"), Self.p(id), c("media"), c("consents")]
    case .teamMediaConsentWithdraw(let id, let consent):
      [c("teams"), Self.p(id), c("media"), c("consents"), Self.p(consent, Self.consentID), c("withdraw")]
    case .teamMediaAnswer(let id, let item):
      [c("teams"), Self.p(id), c("media"), c("items"), Self.p(item, Self.mediaID), c("answer")]
    case .mediaContent(let id): [c("media"), Self.p(id, Self.mediaID)]
    case .teamHours(let id): [c("teams"), Self.p(id), c("hours")]
    case .teamPayments(let id): [c("teams"), Self.p(id), c("payments")]
    case .teamPlan(let id): [c("teams"), Self.p(id), c("plan")]
    case .teamPlanSection(let id, let section):
      [c("teams"), Self.p(id), c("plan"), c("sections"), Self.p(section, Self.section)]
    case .teamPlanChanges(let id): [c("teams"), Self.p(id), c("plan"), c("changes")]
    case .teamPlanAnswer(let id, let change):
      [c("teams"), Self.p(id), c("plan"), c("changes"), Self.p(change, Self.changeID), c("answer")]
    case .teamPlanHistory(let id): [c("teams"), Self.p(id), c("plan"), c("history")]
    case .teamPlanReviewDate(let id): [c("teams"), Self.p(id), c("plan"), c("review-date")]
    case .teamPlanReviews(let id): [c("teams"), Self.p(id), c("plan"), c("reviews")]
    case .teamPlanGoals(let id): [c("teams"), Self.p(id), c("plan"), c("goals")]
    case .teamPlanGoal(let id, let goal): [c("teams"), Self.p(id), c("plan"), c("goals"), Self.p(goal, Self.goalID)]
    case .teamPlanGoalSteps(let id, let goal):
      [c("teams"), Self.p(id), c("plan"), c("goals"), Self.p(goal, Self.goalID), c("steps")]
    case .teamPlanGoalProgress(let id, let goal):
      [c("teams"), Self.p(id), c("plan"), c("goals"), Self.p(goal, Self.goalID), c("progress")]
    case .teamPlanGoalStatus(let id, let goal):
      [c("teams"), Self.p(id), c("plan"), c("goals"), Self.p(goal, Self.goalID), c("status")]
    case .teamPlanPrint(let id, _): [c("teams"), Self.p(id), c("plan"), c("print")]
    case .teamPlanPDF(let id, _): [c("teams"), Self.p(id), c("plan"), c("pdf")]
    case .teamDocuments(let id): [c("teams"), Self.p(id), c("documents")]
    case .teamSharing(let id): [c("teams"), Self.p(id), c("documents"), c("sharing")]
    case .teamSharingEnd(let id, let agreement):
      [c("teams"), Self.p(id), c("documents"), c("sharing"), Self.p(agreement, Self.agreementID), c("end")]
    case .document(let id): [c("documents"), Self.p(id, Self.documentID)]
    case .documentVersions(let id): [c("documents"), Self.p(id, Self.documentID), c("versions")]
    case .documentFile(let id, let number):
      [c("documents"), Self.p(id, Self.documentID), c("versions"), Self.p(number, Self.number)]
    case .documentVisibility(let id): [c("documents"), Self.p(id, Self.documentID), c("visibility")]
    case .library: [c("library")]
    case .libraryDocument(let id): [c("library"), Self.p(id, Self.libraryID)]
    case .libraryVersions(let id): [c("library"), Self.p(id, Self.libraryID), c("versions")]
    case .libraryFile(let id, let number):
      [c("library"), Self.p(id, Self.libraryID), c("versions"), Self.p(number, Self.number)]
    case .teamSearch(let id, _): [c("teams"), Self.p(id), c("search")]
    case .teamPaymentsSteady(let id): [c("teams"), Self.p(id), c("payments"), c("steady")]
    case .teamPaymentsSettle(let id): [c("teams"), Self.p(id), c("payments"), c("settle")]
    case .teamHoursBank(let id): [c("teams"), Self.p(id), c("hours"), c("bank")]
    case .teamHoursDraw(let id): [c("teams"), Self.p(id), c("hours"), c("draw")]
    case .teamHoursAgreements(let id): [c("teams"), Self.p(id), c("hours"), c("agreements")]
    case .teamHoursUndo(let id, let e):
      [c("teams"), Self.p(id), c("hours"), c("entries"), Self.p(e, Self.entryID), c("undo")]
    case .invoices: [c("invoices")]
    case .invoiceRuns: [c("invoice-runs")]
    case .invoice(let id): [c("invoices"), Self.p(id)]
    case .invoiceCSV(let id): [c("invoices"), Self.p(id), c("csv")]
    case .invoicePDF(let id): [c("invoices"), Self.p(id), c("pdf")]
    case .invoiceCredit(let id): [c("invoices"), Self.p(id), c("credit")]
    case .pay: [c("pay")]
    case .payRuns: [c("pay-runs")]
    case .payRun(let id): [c("pay-runs"), Self.p(id)]
    case .payRunCSV(let id): [c("pay-runs"), Self.p(id), c("csv")]
    case .myPay: [c("my-pay")]
    case .myPaySteady: [c("my-pay"), c("steady")]
    case .myPayBalance: [c("my-pay"), c("balance")]
    case .hats: [c("hats")]
    case .hat(let id): [c("hats"), Self.p(id)]
    case .hatHandover(let id): [c("hats"), Self.p(id), c("hand-over")]
    case .hatHandoverAnswer(let id, let r): [c("hats"), Self.p(id), c("hand-over"), Self.p(r, Self.requestID)]
    case .easyRead: [c("preferences"), c("easy-read")]
    case .account: [c("account")]
    case .accountName: [c("account"), c("name")]
    case .accountEmail: [c("account"), c("email")]
    case .accountSecondFactor: [c("account"), c("second-step")]
    case .confirmEmail: [c("account"), c("confirm-email")]
    case .stylesheet: [c("static"), c("style.css")]
    case .script: [c("static"), c("app.js")]
    }
  }

  /// The route pattern for registering (`.key` parameters become `:name`).
  var pattern: [PathComponent] { Self.pattern(segments) }

  static func pattern(_ segments: [Segment]) -> [PathComponent] {
    segments.map { segment in
      switch segment {
      case .constant(let text): .constant(text)
      case .parameter(let name, _): .parameter(name)
      }
    }
  }
}
