import CareCore
import CareStore
import Foundation

public typealias DemoCoop = CareStore.DemoCoop

extension Cases {
  /// `carecoop demo`: fills an empty database with the demo co-op, every account with one new password
  /// (there are no default passwords, even in a demo), hashed as a real sign-in's would be; then the rota
  /// engine plans this week and next for every circle, and they are published, so a newcomer signs in and
  /// sees who is coming when. Nil when the database already holds a co-op: nothing is written then.
  public func seedDemo() async throws -> (demo: DemoCoop, password: String)? {
    guard try await store.needsSetup() else { return nil }
    let password = "demo-" + String(Tokens.random().prefix(12))
    let hash = try await passwords.hash(password)
    let demo = try await store.seedDemo(passwordHash: hash, env: effects)
    try await planAndPublishDemoWeeks(demo)
    try await seedDemoMedicines(demo)
    try await seedDemoMedia(demo)
    try await seedDemoHours(demo)
    try await seedDemoPlan(demo)
    try await seedDemoGoal(demo)
    try await seedDemoDocuments(demo)
    try await seedDemoLibrary(demo)
    try await seedDemoClosedProposal(demo)
    try await seedDemoSettingsDecision(demo)
    try await seedDemoHatDecision(demo)
    try await seedDemoProposal(demo)
    try await seedDemoElections(demo)
    try await seedDemoTimePoll(demo)
    try await seedDemoConcerns(demo)
    try await seedDemoTeamSay(demo)
    try await seedDemoMeetings(demo)
    try await seedDemoCircleDecision(demo)
    try await seedDemoTeamQuestion(demo)
    return (demo, password)
  }

  /// The demo person's plan: their strengths and a goal in their own words (counted at once), and a change to
  /// how to support them that their worker proposed, waiting for their answer.
  func seedDemoPlan(_ demo: DemoCoop) async throws {
    let person = try await requester(for: demo.personAccount)
    let worker = try await requester(for: demo.teamWorker)
    try await proposePlanChange(
      demo.person.id, section: PlanSection.strengths.rawValue, basedOn: 0,
      text: "I make people laugh.\nI know every bus route in Calderdale.\nI cook a good curry with a bit of help.",
      note: "", by: person)
    try await proposePlanChange(
      demo.person.id, section: PlanSection.goals.rawValue, basedOn: 0,
      text: "Go to the football at the Shay for every home game.\nFirst step: buy a season ticket with my sister.",
      note: "", by: person)
    try await proposePlanChange(
      demo.person.id, section: PlanSection.howToSupport.rawValue, basedOn: 0,
      text: "Talk to me, not about me.\nShow me the steps for cooking one at a time.\nMornings are slow: no rushing.",
      note: "From our chat on Tuesday", by: worker)
  }

  /// The demo person's goal in small steps: the first done (their worker ticked it, with a note) and a note of
  /// how the second is going.
  @discardableResult
  public func seedDemoGoal(_ demo: DemoCoop) async throws -> PlanGoal {
    let person = try await requester(for: demo.personAccount)
    let worker = try await requester(for: demo.teamWorker)
    let goal = try await addGoal(
      demo.person.id, title: "Go to the football at the Shay for every home game",
      steps: [
        "Buy a season ticket with my sister", "Take the bus to the Shay with my worker",
        "Go on my own and text my sister when I get there",
      ], by: person)
    try await addGoalProgress(
      demo.person.id, goal: goal.id, kind: "done", step: 1, note: "Bought it on Saturday: seat 14, row F.",
      by: worker)
    return try await addGoalProgress(
      demo.person.id, goal: goal.id, kind: "note", step: nil,
      note: "Found the number 8 bus stop together. Next time we try the whole trip.", by: worker)
  }

  /// The co-op's library: its safeguarding policy for everyone (the administrator added it), and the minutes
  /// of the team's circle's last meeting, for members (the person's worker added them).
  @discardableResult
  public func seedDemoLibrary(_ demo: DemoCoop) async throws -> (policy: LibraryDocument, minutes: LibraryDocument) {
    let admin = try await requester(for: demo.admin)
    let worker = try await requester(for: demo.teamWorker)
    let policy = try await addLibraryDocument(
      NewLibraryDocument(title: "Safeguarding policy", kind: .policy, audience: .everyone, shelf: "coop"),
      fileName: "safeguarding-policy.pdf",
      chunks: ChunkList([
        DemoPDF.make(
          title: "Safeguarding policy",
          lines: ["Everyone in the co-op keeps each other safe.", "Tell the safeguarding lead the same day."])
      ]), by: admin)
    guard let circle = worker.circleIDs.first else { throw CareError.notFound }
    let minutes = try await addLibraryDocument(
      NewLibraryDocument(
        title: "Circle meeting minutes", kind: .minutes, audience: .members, shelf: circle.description),
      fileName: "circle-minutes.pdf",
      chunks: ChunkList([
        DemoPDF.make(title: "Circle meeting", lines: ["Present: the circle's workers.", "Agreed: a backup rota."])
      ]), by: worker)
    return (policy, minutes)
  }

  /// A decision already made: a consent proposal whose poll closed yesterday with no objection, counted (so
  /// its result and its recount can be seen).
  func seedDemoClosedProposal(_ demo: DemoCoop) async throws {
    let admin = try await requester(for: demo.admin)
    let permit = try AccessPolicy.permit(admin, .propose(coop: admin.coopID))
    let valid = try NewProposal(
      title: "Hold the spring members' meeting on a Saturday", text: "More members can come at the weekend.",
      kind: ProposalKind.consent.rawValue, share: nil, quorum: 0, closesOn: today.iso
    ).validated(today: today, members: 0)
    let now = effects.now()
    let closesAt = now.addingTimeInterval(-86_400)
    _ = try await store.addProposal(
      valid, opensAt: closesAt.addingTimeInterval(-7 * 86_400), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", now), permit: permit, env: effects)
    try await countDuePolls()
  }

  /// A proposal open for answers: the person's worker proposes a higher hourly rate, a majority vote open for
  /// two weeks; the worker and the person's brother have answered, with their reasons.
  @discardableResult
  public func seedDemoProposal(_ demo: DemoCoop) async throws -> Proposal {
    let worker = try await requester(for: demo.teamWorker)
    let family = try await requester(for: demo.family)
    let proposal = try await addProposal(
      NewProposal(
        title: "Raise the hourly rate to £13.50",
        text: "Costs have gone up for everyone.\nA higher rate keeps workers with the people they know.",
        kind: ProposalKind.majority.rawValue, share: MajorityShare.simple.rawValue, quorum: 3,
        closesOn: today.adding(days: 14).iso), by: worker)
    try await vote(proposal.id, choice: "for", reason: "It keeps our team together.", by: worker)
    try await vote(proposal.id, choice: "for", reason: "", by: family)
    return proposal
  }

  /// The demo person's documents: their support agreement with the co-op, which their arranger added for the
  /// whole team to see, signed later (a second version).
  @discardableResult
  public func seedDemoDocuments(_ demo: DemoCoop) async throws -> PersonDocument {
    let arranger = try await requester(for: demo.arranger)
    let name = demo.personAccount.name
    let first = Account.firstName(of: name)
    let agreement = try await addDocument(
      NewDocument(title: "Support agreement with the co-op", kind: .agreement, visibility: .team),
      fileName: "support-agreement.pdf", person: demo.person.id,
      chunks: ChunkList([
        DemoPDF.make(
          title: "Support agreement",
          lines: ["Between \(first) and the co-op.", "Ten hours a week, as \(first) chooses."])
      ]), by: arranger)
    return try await addDocumentVersion(
      agreement.id, fileName: "support-agreement-signed.pdf", note: "Signed by \(first)",
      chunks: ChunkList([
        DemoPDF.make(
          title: "Support agreement (signed)",
          lines: ["Between \(first) and the co-op.", "Ten hours a week, as \(first) chooses.", "Signed: \(name)"])
      ]), by: arranger)
  }

  /// The demo person's medicines: two on the list (their arranger added them, so they count at once) and a
  /// change the family proposed, waiting for the person's answer.
  func seedDemoMedicines(_ demo: DemoCoop) async throws {
    let arranger = try await requester(for: demo.arranger)
    let family = try await requester(for: demo.family)
    let person = demo.person.id
    let seizures = MedicineDetails(
      name: "Levetiracetam", dose: "500 mg, 1 tablet", route: .mouth, times: [8 * 60, 20 * 60], asNeeded: false,
      purpose: "To stop seizures", givenBy: .worker, instructions: "With a drink of water")
    let kept = try await proposeMedicine(MedicineChange(medicine: nil, details: seizures), person: person, by: arranger)
    try await proposeMedicine(
      MedicineChange(
        medicine: nil,
        details: MedicineDetails(
          name: "Paracetamol", dose: "500 mg, 2 tablets", route: .mouth, times: [], asNeeded: true,
          purpose: "For pain", givenBy: .person, instructions: "At most 8 tablets in a day, 4 hours apart")),
      person: person, by: arranger)
    var later = seizures
    later.instructions = "With a drink of water and a biscuit"
    try await proposeMedicine(
      MedicineChange(medicine: kept.medicineID, details: later, reason: "It upsets her stomach on its own"),
      person: person, by: family)
  }

  /// The demo person's standing yes to photos of what they make, seen by the whole team and kept a year, and
  /// one such photo (a small picture made here) their worker added; and a photo of the person's support
  /// review that the worker sent with no consent to cover it, waiting for the person's yes.
  @discardableResult
  public func seedDemoMedia(_ demo: DemoCoop) async throws -> (MediaConsent, MediaItem, MediaItem) {
    let arranger = try await requester(for: demo.arranger)
    let worker = try await requester(for: demo.teamWorker)
    let consent = try await giveMediaConsent(
      MediaConsentTerms(kind: .photo, about: "the things I make at home", audience: .wholeTeam, keepDays: 365),
      person: demo.person.id, by: arranger)
    let picture = [UInt8](Data(base64Encoded: Self.demoPicture) ?? Data())
    let item = try await addMedia(
      NewMediaItem(kind: .photo, caption: "A clay pot, finished today", consentID: consent.id),
      person: demo.person.id, chunks: ChunkList([picture]), by: worker)
    let review = try await addMedia(
      NewMediaItem(
        kind: .photo, meeting: MediaMeeting(title: "Review of my support", day: today),
        caption: "The plan we drew at the review"),
      person: demo.person.id, chunks: ChunkList([picture]), by: worker)
    return (consent, item, review)
  }

  /// The demo person's funding: ten hours a week from the council from this week's Monday (up to three hours
  /// banked for four weeks; visits of one to three hours when compressing), recorded by the finance hat; the
  /// person has banked an hour of this week's.
  @discardableResult
  public func seedDemoHours(_ demo: DemoCoop) async throws -> FundingAgreement {
    let hats = try await store.hats(coop: demo.coop.id)
    guard let holder = hats.first(where: { $0.hat.kind == .finance })?.current(on: today).first?.1 else {
      throw CareError.notFound
    }
    let agreement = try await recordFunding(
      FundingTerms(
        funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: 600, period: .week,
        starts: CoopCalendar.london.weekStart(of: today), ratePence: 2_450, bankLimitMinutes: 180, bankWeeks: 4,
        compressMinMinutes: 60, compressMaxMinutes: 180, noticeDays: 7),
      person: demo.person.id, by: try await requester(for: holder))
    try await bankHours(
      60, agreement: agreement.id, person: demo.person.id, by: try await requester(for: demo.personAccount))
    return agreement
  }

  /// For `carecoop demo` (not the tests' demo, whose visits stay unconfirmed): the demo person's first two
  /// visits of this week that have ended are confirmed by their worker and the person, and the finance hat
  /// runs this week's invoices and pay (early on a Monday no visit has ended yet: then there are none).
  public func seedDemoInvoices(_ demo: DemoCoop) async throws {
    let hats = try await store.hats(coop: demo.coop.id)
    guard let holder = hats.first(where: { $0.hat.kind == .finance })?.current(on: today).first?.1 else {
      throw CareError.notFound
    }
    let person = try await requester(for: demo.personAccount)
    let monday = CoopCalendar.london.weekStart(of: today)
    let now = CoopCalendar.london.minuteOfDay(of: effects.now())
    let ended = try await personWeek(demo.person.id, monday: monday, by: person).visits.map(\.visit)
      .filter { $0.slot == 0 && ($0.day < today || ($0.day == today && $0.end <= now)) }
      .sorted { ($0.day, $0.start) < ($1.day, $1.start) }.prefix(2)
    for visit in ended {
      guard let account = try await store.account(visit.workerID) else { continue }
      try await confirmTimes(
        visit.id, start: CoopCalendar.clockText(visit.start), end: CoopCalendar.clockText(visit.end),
        by: try await requester(for: account))
      try await answerTimes(visit.id, agree: true, reason: "", by: person)
    }
    guard !ended.isEmpty else { return }
    let finance = try await requester(for: holder)
    _ = try await issueInvoices(from: monday, through: today, by: finance)
    // The workers of those visits are employed at £13.00 an hour from Monday; this week's pay is run.
    for worker in Set(ended.map(\.workerID)).sorted(by: { $0.description < $1.description }) {
      try await startEngagement(
        NewEngagement(basis: .employed, hourlyPence: 1_300, startedOn: monday.iso), for: worker, by: finance)
    }
    _ = try await runPay(from: monday, through: today, by: finance)
  }

  /// A 16 × 16 PNG of soft colours.
  static let demoPicture =
    "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABwElEQVR42g3LobJFUAAAwPclsizLsnyikYQNkhFPNJIgSEY80UiiKN4verb"
    + "vXyZkmkyX6TNjJmamzJLZMkcmZc7MnXkyb+b3lwu5Jtfl+tyYi7kpt+S23JFLuTN3557cm3+hEApNoSv0hbEQC1NhKWyFo5AKZ+EuPIW3+E"
    + "IplJpSV+pLYymWptJS2kpHKZXO0l16Sm/5hUqoNJWu0lfGSqxMlaWyVY5KqpyVu/JU3uoLtVBral2tr421WJtqS22rHbVUO2t37am99ReCE"
    + "DRBF/TBGMRgCpZgC44gBWdwB0/whi+0Qqtpda2+NbZia2otra11tFLrbN2tp/W2XyDQ0NEzEplY2DhInNw8vL4wCINm0A36wTiIg2mwDLbB"
    + "MUiDc3APnsE7fCEKURN1UR+NUYymaIm26IhSdEZ39ERv/MIszJpZN+tn4yzOptky22bHLM3O2T17Zu/8hVVYNatu1a/GVVxNq2W1rY5VWp2"
    + "re/Ws3vULu7Brdt2u3427uJt2y27bHbu0O3f37tm9+xeSkDRJl/TJmMRkSpZkS44kJWdyJ0/ypi9cwqW5dJf+Ml7iZbosl+1yXNLlvNyX5/"
    + "Jefv8xzG0QYQaA6wAAAABJRU5ErkJggg=="

  /// The demo's weeks, planned with a fixed number of moves (the same plans on any machine, in about a
  /// second a circle) through the same job the rota keeper's button queues.
  public func planAndPublishDemoWeeks(_ demo: DemoCoop) async throws {
    let planner = Cases(
      store: store, effects: effects, passwords: passwords, mailer: mailer, links: links, files: files,
      weekSearch: WeekSearch(seed: 1, seconds: 10, iterations: 20_000))
    let admin = try await requester(for: demo.admin)
    let thisWeek = CoopCalendar.london.weekStart(of: today)
    for monday in [thisWeek, thisWeek.adding(days: 7)] {
      for circle in try await store.circles(coop: demo.coop.id) {
        let version = try await planner.startPlanningWeek(circle: circle.id, monday: monday, by: admin)
        // The app's own job worker may have claimed the plan first: wait until it is planned, whoever plans it.
        var draft = try await store.rotaWeek(version.id)
        for _ in 0..<600 where draft?.state == .planning {
          if try await planner.runDueJobs(worker: "carecoop-demo") == 0 {
            try await Task.sleep(nanoseconds: 200_000_000)
          }
          draft = try await store.rotaWeek(version.id)
        }
        guard let draft, draft.state == .draft else { continue }
        try await planner.publishWeek(draft.id, edits: draft.edits, circle: circle.id, by: admin)
      }
    }
  }
}
