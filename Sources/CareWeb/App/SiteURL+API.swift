import CareCases
import CareCore
import CareLedger
import Vapor

extension SiteURL {
  /// The JSON API's addresses (under `/api/v1`), typed the same way.
  enum API: Hashable {
    case sessions, me, people, circles, members, memberships, hats
    case member(Parameter<ID<Member>>)
    case workerEngagements(Parameter<ID<Account>>)
    /// One's own account: the name, a new e-mail address (confirmed by a mailed token), preferences.
    case meName, meEmail, meEmailConfirmation, mePreferences
    case team(Parameter<ID<Person>>)
    case teamDetails(Parameter<ID<Person>>)
    case teamInvitations(Parameter<ID<Person>>)
    case teamAnswer(Parameter<ID<Person>>)
    case teamMember(Parameter<ID<Person>>, Parameter<ID<TeamMembership>>)
    case teamOverrides(Parameter<ID<Person>>)
    case teamOverrideEnd(Parameter<ID<Person>>, Parameter<ID<AccessGrant>>)
    case teamOverrideReview(Parameter<ID<Person>>, Parameter<ID<AccessGrant>>)
    case circle(Parameter<ID<Circle>>)
    case circleJoin(Parameter<ID<Circle>>)
    case circleLeave(Parameter<ID<Circle>>)
    case circleSplit(Parameter<ID<Circle>>)
    case hat(Parameter<ID<Hat>>)
    case hatHandover(Parameter<ID<Hat>>)
    /// Hand-overs of a privileged hat waiting for a second hat holder (GET), and answering one (POST).
    case hatHandovers(Parameter<ID<Hat>>)
    case hatHandoverAnswer(Parameter<ID<Hat>>, Parameter<ID<HandoverRequest>>)
    /// A circle's week (`?week=`), new plans of it, stopping one, publishing a draft.
    case circleWeek(Parameter<ID<Circle>>)
    case circleWeekPlans(Parameter<ID<Circle>>)
    case circleWeekStop(Parameter<ID<Circle>>)
    case circleWeekPublish(Parameter<ID<Circle>>)
    case circleWeekVisit(Parameter<ID<Circle>>, Parameter<ID<RotaVisit>>)
    /// Who is coming to the person (`?week=`), the signed-in worker's week, their messages.
    case teamWeek(Parameter<ID<Person>>)
    case myWeek, messages, messagesRead
    /// How the co-op is doing, in figures without names.
    case quality
    /// Cover: the worker's offers (GET), a visit they cannot make, days they cannot work, an offer's answer,
    /// and the circle's week's cover requests for the rota keeper.
    case myCover, myAway, myConsent
    case myVisitCover(Parameter<ID<RotaVisit>>)
    case coverOffer(Parameter<ID<CoverOffer>>)
    /// A visit's record: GET it, POST entries (from the phone, repeated safely).
    case visitRecord(Parameter<ID<RotaVisit>>)
    case visitTimes(Parameter<ID<RotaVisit>>)
    case visitTimesAnswer(Parameter<ID<RotaVisit>>)
    case circleWeekCover(Parameter<ID<Circle>>)
    /// A person's support pattern (GET versions, POST a proposal), an answer to one, their home (GET, PUT).
    case teamPattern(Parameter<ID<Person>>)
    case teamPatternAnswer(Parameter<ID<Person>>, Parameter<ID<PatternVersion>>)
    case teamHome(Parameter<ID<Person>>)
    /// A new address for one's own calendar feed, or a person's week's.
    case myCalendar
    case teamCalendar(Parameter<ID<Person>>)
    /// A person's medicines (GET the list, POST a new one), a change or stop of one, the answer to a change,
    /// the chart (`?from=`).
    case teamMedicines(Parameter<ID<Person>>)
    case teamMedicineVersions(Parameter<ID<Person>>, Parameter<ID<Medicine>>)
    case teamMedicineAnswer(Parameter<ID<Person>>, Parameter<ID<MedicineVersion>>)
    case teamMedicineChart(Parameter<ID<Person>>)
    /// What the person decides about their records (GET, PUT).
    case teamRecordSettings(Parameter<ID<Person>>)
    /// How the person's team decides (GET, PUT) with its decisions; answering one (POST).
    case teamSay(Parameter<ID<Person>>)
    case teamDecisionAnswers(Parameter<ID<Person>>, Parameter<ID<TeamDecision>>)
    /// The person's visits as they happened (`?from=&through=`).
    case teamVisits(Parameter<ID<Person>>)
    /// The person's media and consents (GET; POST streams an upload), a consent given, one withdrawn, and
    /// one item's bytes.
    case teamMedia(Parameter<ID<Person>>)
    case teamMediaConsents(Parameter<ID<Person>>)
    case teamMediaConsentWithdraw(Parameter<ID<Person>>, Parameter<ID<MediaConsent>>)
    /// The person's yes or no to an item a worker sent without a consent to cover it.
    case teamMediaAnswer(Parameter<ID<Person>>, Parameter<ID<MediaItem>>)
    case mediaContent(Parameter<ID<MediaItem>>)
    /// The person's hours; banking and drawing (with an Idempotency-Key); recording a funding agreement.
    case teamHours(Parameter<ID<Person>>)
    case teamHoursBank(Parameter<ID<Person>>)
    case teamHoursDraw(Parameter<ID<Person>>)
    case teamHoursAgreements(Parameter<ID<Person>>)
    case teamHoursReversal(Parameter<ID<Person>>, Parameter<ID<HoursEntry>>)
    /// The person's support plan; proposing a change; answering one.
    case teamPlan(Parameter<ID<Person>>)
    case teamPlanChanges(Parameter<ID<Person>>)
    case teamPlanAnswer(Parameter<ID<Person>>, Parameter<ID<PlanChange>>)
    /// The next review's date (PUT); a review held (POST).
    case teamPlanReviewDate(Parameter<ID<Person>>)
    case teamPlanReviews(Parameter<ID<Person>>)
    /// The person's goals (GET; POST a new one); one goal; a step added (POST); progress noted (POST); its
    /// status (PUT: achieved, set aside, working on it).
    case teamPlanGoals(Parameter<ID<Person>>)
    case teamPlanGoal(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
    case teamPlanGoalSteps(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
    case teamPlanGoalProgress(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
    case teamPlanGoalStatus(Parameter<ID<Person>>, Parameter<ID<PlanGoal>>)
    /// The person's documents (GET; POST streams a new one); their sharing agreements (POST) and ending one;
    /// one document; a new version (POST, streamed); a version's file; who sees it (PUT).
    case teamDocuments(Parameter<ID<Person>>)
    case teamSharingAgreements(Parameter<ID<Person>>)
    case teamSharingAgreementEnd(Parameter<ID<Person>>, Parameter<ID<SharingAgreement>>)
    case document(Parameter<ID<PersonDocument>>)
    case documentVersions(Parameter<ID<PersonDocument>>)
    case documentFile(Parameter<ID<PersonDocument>>, Parameter<Int>)
    case documentVisibility(Parameter<ID<PersonDocument>>)
    /// Proposals (GET; POST a new one); one proposal; its parts (`ProposalPart`). The co-op's settings (GET).
    case proposals, settings
    /// Concerns (GET; POST a new one); one (GET); a step it takes (POST).
    case concerns
    case concern(Parameter<ID<Concern>>)
    case concernSteps(Parameter<ID<Concern>>)
    case proposal(Parameter<ID<Proposal>>)
    case proposalPart(Parameter<ID<Proposal>>, ProposalPart)
    /// Members' meetings (GET; POST calls one); one (GET); its attendance and minutes (POST).
    case meetings
    case meeting(Parameter<ID<Meeting>>)
    case meetingPart(Parameter<ID<Meeting>>, MeetingPart)
    /// The co-op's library (GET; POST streams a new document); one document; a new version (POST, streamed);
    /// a version's file.
    case library
    case libraryDocument(Parameter<ID<LibraryDocument>>)
    case libraryVersions(Parameter<ID<LibraryDocument>>)
    case libraryFile(Parameter<ID<LibraryDocument>>, Parameter<Int>)
    /// Search within the person's documents and plan (`?q=`).
    case teamSearch(Parameter<ID<Person>>)
    /// What the person pays towards their care: the statement; their choice; a request to settle.
    case teamPayments(Parameter<ID<Person>>)
    case teamPaymentsSteady(Parameter<ID<Person>>)
    case teamPaymentsSettleRequests(Parameter<ID<Person>>)
    /// The co-op's invoices; a run (with an Idempotency-Key); one invoice; its credit note.
    case invoices
    case invoiceRuns
    case invoice(Parameter<ID<Invoice>>)
    case invoiceCredit(Parameter<ID<Invoice>>)
    case invoicePDF(Parameter<ID<Invoice>>)
    /// Pay runs (the finance hat; a run with an Idempotency-Key); one run; a worker's own payslips; their
    /// choice of plain or steady pay and their balance; their requests for the balance.
    case payRuns
    case payRun(Parameter<ID<PayRun>>)
    case myPay
    case myPaySteady
    case myPayBalanceRequests

    var segments: [Segment] {
      let c = Segment.constant
      let rest: [Segment] =
        switch self {
        case .sessions: [c("sessions")]
        case .me: [c("me")]
        case .meName: [c("me"), c("name")]
        case .meEmail: [c("me"), c("email")]
        case .meEmailConfirmation: [c("me"), c("email"), c("confirmation")]
        case .mePreferences: [c("me"), c("preferences")]
        case .people: [c("people")]
        case .circles: [c("circles")]
        case .members: [c("members")]
        case .memberships: [c("memberships")]
        case .member(let id): [c("members"), SiteURL.p(id)]
        case .workerEngagements(let id): [c("workers"), SiteURL.p(id), c("engagements")]
        case .hats: [c("hats")]
        case .team(let id): [c("teams"), SiteURL.p(id)]
        case .teamDetails(let id): [c("teams"), SiteURL.p(id), c("details")]
        case .teamInvitations(let id): [c("teams"), SiteURL.p(id), c("invitations")]
        case .teamAnswer(let id): [c("teams"), SiteURL.p(id), c("answer")]
        case .teamMember(let id, let m): [c("teams"), SiteURL.p(id), c("members"), SiteURL.p(m, SiteURL.membershipID)]
        case .teamOverrides(let id): [c("teams"), SiteURL.p(id), c("overrides")]
        case .teamOverrideEnd(let id, let g):
          [c("teams"), SiteURL.p(id), c("overrides"), SiteURL.p(g, SiteURL.grantID), c("end")]
        case .teamOverrideReview(let id, let g):
          [c("teams"), SiteURL.p(id), c("overrides"), SiteURL.p(g, SiteURL.grantID), c("review")]
        case .circle(let id): [c("circles"), SiteURL.p(id)]
        case .circleJoin(let id): [c("circles"), SiteURL.p(id), c("join")]
        case .circleLeave(let id): [c("circles"), SiteURL.p(id), c("leave")]
        case .circleSplit(let id): [c("circles"), SiteURL.p(id), c("split")]
        case .hat(let id): [c("hats"), SiteURL.p(id)]
        case .hatHandover(let id): [c("hats"), SiteURL.p(id), c("handover")]
        case .hatHandovers(let id): [c("hats"), SiteURL.p(id), c("handovers")]
        case .hatHandoverAnswer(let id, let r):
          [c("hats"), SiteURL.p(id), c("handovers"), SiteURL.p(r, SiteURL.requestID)]
        case .circleWeek(let id): [c("circles"), SiteURL.p(id), c("week")]
        case .circleWeekPlans(let id): [c("circles"), SiteURL.p(id), c("week"), c("plans")]
        case .circleWeekStop(let id): [c("circles"), SiteURL.p(id), c("week"), c("stop")]
        case .circleWeekPublish(let id): [c("circles"), SiteURL.p(id), c("week"), c("publish")]
        case .circleWeekVisit(let id, let visit):
          [c("circles"), SiteURL.p(id), c("week"), c("visits"), SiteURL.p(visit, SiteURL.visitID)]
        case .teamWeek(let id): [c("teams"), SiteURL.p(id), c("week")]
        case .myWeek: [c("my-week")]
        case .messages: [c("messages")]
        case .messagesRead: [c("messages"), c("read")]
        case .quality: [c("quality")]
        case .myCover: [c("my-week"), c("cover")]
        case .myAway: [c("my-week"), c("away")]
        case .myConsent: [c("my-week"), c("consent")]
        case .myVisitCover(let visit): [c("my-week"), c("visits"), SiteURL.p(visit, SiteURL.visitID), c("cover")]
        case .visitRecord(let visit): [c("visits"), SiteURL.p(visit, SiteURL.visitID), c("record")]
        case .visitTimes(let visit): [c("visits"), SiteURL.p(visit, SiteURL.visitID), c("times")]
        case .visitTimesAnswer(let visit): [c("visits"), SiteURL.p(visit, SiteURL.visitID), c("times"), c("answer")]
        case .coverOffer(let offer): [c("my-week"), c("cover"), SiteURL.p(offer, SiteURL.offerID)]
        case .circleWeekCover(let id): [c("circles"), SiteURL.p(id), c("week"), c("cover")]
        case .teamPattern(let id): [c("teams"), SiteURL.p(id), c("pattern")]
        case .teamPatternAnswer(let id, let v):
          [c("teams"), SiteURL.p(id), c("pattern"), SiteURL.p(v, SiteURL.versionID), c("answer")]
        case .teamHome(let id): [c("teams"), SiteURL.p(id), c("home")]
        case .myCalendar: [c("my-week"), c("calendar")]
        case .teamCalendar(let id): [c("teams"), SiteURL.p(id), c("week"), c("calendar")]
        case .teamMedicines(let id): [c("teams"), SiteURL.p(id), c("medicines")]
        case .teamMedicineVersions(let id, let m):
          [c("teams"), SiteURL.p(id), c("medicines"), SiteURL.p(m, SiteURL.medicineID), c("versions")]
        case .teamMedicineAnswer(let id, let v):
          [c("teams"), SiteURL.p(id), c("medicines"), c("changes"), SiteURL.p(v, SiteURL.versionID), c("answer")]
        case .teamMedicineChart(let id): [c("teams"), SiteURL.p(id), c("medicines"), c("chart")]
        case .teamRecordSettings(let id): [c("teams"), SiteURL.p(id), c("record-settings")]
        case .teamSay(let id): [c("teams"), SiteURL.p(id), c("say")]
        case .teamDecisionAnswers(let id, let d):
          [c("teams"), SiteURL.p(id), c("decisions"), SiteURL.p(d, SiteURL.decisionID), c("answers")]
        case .teamVisits(let id): [c("teams"), SiteURL.p(id), c("visits")]
        case .teamMedia(let id): [c("teams"), SiteURL.p(id), c("media")]
        case .teamMediaConsents(let id): [c("teams"), SiteURL.p(id), c("media"), c("consents")]
        case .teamMediaConsentWithdraw(let id, let consent):
          [c("teams"), SiteURL.p(id), c("media"), c("consents"), SiteURL.p(consent, SiteURL.consentID), c("withdraw")]
        case .teamMediaAnswer(let id, let item):
          [c("teams"), SiteURL.p(id), c("media"), c("items"), SiteURL.p(item, SiteURL.mediaID), c("answer")]
        case .mediaContent(let id): [c("media"), SiteURL.p(id, SiteURL.mediaID), c("content")]
        case .teamHours(let id): [c("teams"), SiteURL.p(id), c("hours")]
        case .teamHoursBank(let id): [c("teams"), SiteURL.p(id), c("hours"), c("bank")]
        case .teamHoursDraw(let id): [c("teams"), SiteURL.p(id), c("hours"), c("draw")]
        case .teamHoursAgreements(let id): [c("teams"), SiteURL.p(id), c("hours"), c("agreements")]
        case .teamHoursReversal(let id, let e):
          [c("teams"), SiteURL.p(id), c("hours"), c("entries"), SiteURL.p(e, SiteURL.entryID), c("reversal")]
        case .teamPayments(let id): [c("teams"), SiteURL.p(id), c("payments")]
        case .teamDocuments(let id): [c("teams"), SiteURL.p(id), c("documents")]
        case .teamSharingAgreements(let id): [c("teams"), SiteURL.p(id), c("sharing-agreements")]
        case .teamSharingAgreementEnd(let id, let agreement):
          [c("teams"), SiteURL.p(id), c("sharing-agreements"), SiteURL.p(agreement, SiteURL.agreementID), c("end")]
        case .document(let id): [c("documents"), SiteURL.p(id, SiteURL.documentID)]
        case .documentVersions(let id): [c("documents"), SiteURL.p(id, SiteURL.documentID), c("versions")]
        case .documentFile(let id, let number):
          [c("documents"), SiteURL.p(id, SiteURL.documentID), c("versions"), SiteURL.p(number, SiteURL.number)]
        case .documentVisibility(let id): [c("documents"), SiteURL.p(id, SiteURL.documentID), c("visibility")]
        case .teamSearch(let id): [c("teams"), SiteURL.p(id), c("search")]
        case .proposals: [c("proposals")]
        case .settings: [c("settings")]
        case .concerns: [c("concerns")]
        case .concern(let id): [c("concerns"), SiteURL.p(id, SiteURL.concernID)]
        case .concernSteps(let id): [c("concerns"), SiteURL.p(id, SiteURL.concernID), c("steps")]
        case .proposal(let id): [c("proposals"), SiteURL.p(id, SiteURL.proposalID)]
        case .proposalPart(let id, let part): [c("proposals"), SiteURL.p(id, SiteURL.proposalID), c(part.rawValue)]
        case .meetings: [c("meetings")]
        case .meeting(let id): [c("meetings"), SiteURL.p(id, SiteURL.meetingID)]
        case .meetingPart(let id, let part): [c("meetings"), SiteURL.p(id, SiteURL.meetingID), c(part.rawValue)]
        case .library: [c("library")]
        case .libraryDocument(let id): [c("library"), SiteURL.p(id, SiteURL.libraryID)]
        case .libraryVersions(let id): [c("library"), SiteURL.p(id, SiteURL.libraryID), c("versions")]
        case .libraryFile(let id, let number):
          [c("library"), SiteURL.p(id, SiteURL.libraryID), c("versions"), SiteURL.p(number, SiteURL.number)]
        case .teamPlan(let id): [c("teams"), SiteURL.p(id), c("plan")]
        case .teamPlanChanges(let id): [c("teams"), SiteURL.p(id), c("plan"), c("changes")]
        case .teamPlanReviewDate(let id): [c("teams"), SiteURL.p(id), c("plan"), c("review-date")]
        case .teamPlanReviews(let id): [c("teams"), SiteURL.p(id), c("plan"), c("reviews")]
        case .teamPlanGoals(let id): [c("teams"), SiteURL.p(id), c("plan"), c("goals")]
        case .teamPlanGoal(let id, let goal):
          [c("teams"), SiteURL.p(id), c("plan"), c("goals"), SiteURL.p(goal, SiteURL.goalID)]
        case .teamPlanGoalSteps(let id, let goal):
          [c("teams"), SiteURL.p(id), c("plan"), c("goals"), SiteURL.p(goal, SiteURL.goalID), c("steps")]
        case .teamPlanGoalProgress(let id, let goal):
          [c("teams"), SiteURL.p(id), c("plan"), c("goals"), SiteURL.p(goal, SiteURL.goalID), c("progress")]
        case .teamPlanGoalStatus(let id, let goal):
          [c("teams"), SiteURL.p(id), c("plan"), c("goals"), SiteURL.p(goal, SiteURL.goalID), c("status")]
        case .teamPlanAnswer(let id, let change):
          [c("teams"), SiteURL.p(id), c("plan"), c("changes"), SiteURL.p(change, SiteURL.changeID), c("answer")]
        case .teamPaymentsSteady(let id): [c("teams"), SiteURL.p(id), c("payments"), c("steady")]
        case .teamPaymentsSettleRequests(let id): [c("teams"), SiteURL.p(id), c("payments"), c("settle-requests")]
        case .invoices: [c("invoices")]
        case .invoiceRuns: [c("invoice-runs")]
        case .invoice(let id): [c("invoices"), SiteURL.p(id)]
        case .invoiceCredit(let id): [c("invoices"), SiteURL.p(id), c("credit")]
        case .invoicePDF(let id): [c("invoices"), SiteURL.p(id), c("pdf")]
        case .payRuns: [c("pay-runs")]
        case .payRun(let id): [c("pay-runs"), SiteURL.p(id)]
        case .myPay: [c("my-pay")]
        case .myPaySteady: [c("my-pay"), c("steady")]
        case .myPayBalanceRequests: [c("my-pay"), c("balance-requests")]
        }
      return [c("api"), c("v1")] + rest
    }

    var pattern: [PathComponent] { SiteURL.pattern(segments) }

    /// The address as a link (from `.value` parameters).
    var path: String {
      "/"
        + segments.map { segment in
          switch segment {
          case .constant(let text): text
          case .parameter(let name, let value): value ?? ":\(name)"
          }
        }.joined(separator: "/")
    }
  }
}
