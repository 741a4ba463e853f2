import CareCore
import FluentKit
import Foundation
import SQLKit

/// A circle's weeks as the rota engine planned them: versions (planning → draft → published, or
/// cancelled), their visits, and the messages a publication leaves for the people it changed.
extension Store {
  // MARK: Planning

  /// Starts a new version of the circle's week in `planning`, with the job that plans it, in one
  /// transaction. Drafts of the same week not yet published are cancelled (the new plan replaces them).
  /// While one plan is being made, another is refused (a unique index, so two rota keepers pressing at the
  /// same moment cannot both start one).
  public func startPlanning(
    monday: Day, permit: Permit, jobKind: String, payload: @escaping @Sendable (ID<RotaWeek>) throws -> String,
    env: Effects
  ) async throws -> RotaWeek {
    try Self.check(permit, .planWeek)
    guard let circleID = permit.circleID else { throw CareError.forbidden }
    let coop = permit.coopID
    return try await writeChecked { db in
      guard let circle = try await CircleRow.find(circleID.rawValue, on: db), circle.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let same = RotaWeekRow.query(on: db).filter(\.$circleID == circleID.rawValue).filter(\.$monday == monday.iso)
      let last = try await same.copy().max(\.$number) ?? 0
      try await same.copy().filter(\.$state == RotaWeek.State.draft.rawValue)
        .set(\.$state, to: RotaWeek.State.cancelled.rawValue).update()
      let row = RotaWeekRow()
      row.id = env.newID()
      row.coopID = coop.rawValue
      row.circleID = circleID.rawValue
      row.monday = monday.iso
      row.number = last + 1
      row.state = RotaWeek.State.planning.rawValue
      row.progress = 0
      row.seconds = 0
      row.edits = 0
      row.createdBy = permit.requester.account.id.rawValue
      row.createdAt = env.now()
      try await row.create(on: db)
      let week = try row.value()
      try await Self.enqueue(jobKind, payload: try payload(week.id), runAt: nil, env: env, on: db)
      try await Self.append(
        .planWeek, coop: coop, actor: permit.requester.account.id,
        detail: "\(circle.name), week of \(monday.iso), version \(row.number)", env: env, on: db)
      return week
    }
  }

  /// The version if it is waiting for the engine, read through the writer: the job that plans it must see
  /// the row its own request just wrote, whatever a reader connection last saw.
  public func versionToPlan(_ id: ID<RotaWeek>) async throws -> RotaWeek? {
    try await write { db in
      guard let row = try await RotaWeekRow.find(id.rawValue, on: db), row.state == RotaWeek.State.planning.rawValue
      else { return nil }
      return try row.value()
    }
  }

  /// One version of a week.
  public func rotaWeek(_ id: ID<RotaWeek>) async throws -> RotaWeek? {
    try await RotaWeekRow.find(id.rawValue, on: db).map { try $0.value() }
  }

  /// Every version of the circle's week, newest first.
  /// A circle's versions of a week, newest first, for whoever the policy lets plan that circle's week.
  public func rotaWeeks(permit: Permit, monday: Day) async throws -> [RotaWeek] {
    guard let circle = permit.circleID, permit.covers(.planWeek) else { throw CareError.forbidden }
    return try await rotaWeeks(circle: circle, monday: monday)
  }

  func rotaWeeks(circle: ID<Circle>, monday: Day) async throws -> [RotaWeek] {
    try await RotaWeekRow.query(on: db).filter(\.$circleID == circle.rawValue).filter(\.$monday == monday.iso)
      .sort(\.$number, .descending).all().map { try $0.value() }
  }

  /// Notes how far the engine has got. False when the plan is no longer wanted (stopped, or replaced):
  /// the engine should stop.
  public func recordProgress(_ id: ID<RotaWeek>, _ progress: RotaWeek.Progress) async throws -> Bool {
    try await write { db in
      guard let row = try await RotaWeekRow.find(id.rawValue, on: db),
        row.state == RotaWeek.State.planning.rawValue
      else { return false }
      row.progress = progress.fraction
      row.seconds = progress.seconds
      try await row.update(on: db)
      return true
    }
  }

  /// Stops the plan the engine is making for the permit's circle (the rota keeper pressed "stop"); with none
  /// being made, nothing happens.
  public func stopPlanning(permit: Permit, env: Effects) async throws {
    try Self.check(permit, .planWeek)
    guard let circleID = permit.circleID else { throw CareError.forbidden }
    try await write { db in
      guard let circle = try await CircleRow.find(circleID.rawValue, on: db), circle.coopID == permit.coopID.rawValue
      else { throw CareError.notFound }
      guard
        let row = try await RotaWeekRow.query(on: db).filter(\.$circleID == circleID.rawValue)
          .filter(\.$coopID == permit.coopID.rawValue).filter(\.$state == RotaWeek.State.planning.rawValue).first()
      else { return }
      row.state = RotaWeek.State.cancelled.rawValue
      row.problem = "Stopped before the rota engine finished"
      try await row.update(on: db)
      try await Self.append(
        .stopPlanningWeek, coop: permit.coopID, actor: permit.requester.account.id,
        detail: "week of \(row.monday), version \(row.number)", env: env, on: db)
    }
  }

  /// Keeps what the engine planned as the week's draft, unless the plan was stopped meanwhile (then
  /// nothing is kept and the answer is false).
  public func saveDraft(_ id: ID<RotaWeek>, visits: [NewRotaVisit], figures: WeekFigures, env: Effects)
    async throws -> Bool
  {
    let figuresText = String(decoding: try Self.weekEncoder.encode(figures), as: UTF8.self)
    let ids = visits.map { _ in env.newID() }
    return try await writeChecked(conflict: FieldError("week", "The plan could not be kept: plan again")) { db in
      guard let row = try await RotaWeekRow.find(id.rawValue, on: db),
        row.state == RotaWeek.State.planning.rawValue
      else { return false }
      try await Self.insertVisits(visits, ids: ids, week: id, on: db)
      row.state = RotaWeek.State.draft.rawValue
      row.progress = 1
      row.figures = figuresText
      try await row.update(on: db)
      return true
    }
  }

  /// The engine could not plan: the version is kept as failed, with the reason.
  public func failPlanning(_ id: ID<RotaWeek>, problem: String) async throws {
    try await write { db in
      guard let row = try await RotaWeekRow.find(id.rawValue, on: db),
        row.state == RotaWeek.State.planning.rawValue
      else { return }
      row.state = RotaWeek.State.failed.rawValue
      row.problem = String(problem.prefix(2000))
      try await row.update(on: db)
    }
  }

  static func insertVisits(_ visits: [NewRotaVisit], ids: [UUID], week: ID<RotaWeek>, on db: any Database)
    async throws
  {
    let sql = db as! any SQLDatabase
    // In batches: PostgreSQL takes at most 65,535 bound values a statement, SQLite 32,766.
    for start in stride(from: 0, to: visits.count, by: 500) {
      var insert = sql.insert(into: "rota_visits").columns(
        "id", "week_id", "person_id", "pattern", "slot", "day", "start_minute", "length", "usual_start",
        "time_window", "tasks", "worker_id", "partner_id")
      for i in start..<min(start + 500, visits.count) {
        let v = visits[i]
        let tasks = String(decoding: try weekEncoder.encode(v.tasks.sorted()), as: UTF8.self)
        insert = insert.values(
          SQLBind(ids[i]), SQLBind(week.rawValue), SQLBind(v.personID.rawValue), SQLBind(v.pattern), SQLBind(v.slot),
          SQLBind(v.day.iso), SQLBind(v.start), SQLBind(v.length), SQLBind(v.usualStart), SQLBind(v.window),
          SQLBind(tasks), SQLBind(v.workerID.rawValue), SQLBind(v.partnerID?.rawValue))
      }
      try await insert.run()
    }
  }

  /// The visits of one version, by day and time.
  public func visits(week: ID<RotaWeek>) async throws -> [RotaVisit] {
    try await RotaVisitRow.query(on: db).filter(\.$weekID == week.rawValue).all().map { try $0.value() }
      .sorted(by: Self.visitOrder)
  }

  static func visitOrder(_ a: RotaVisit, _ b: RotaVisit) -> Bool {
    (a.day, a.start, a.personID.description, a.slot) < (b.day, b.start, b.personID.description, b.slot)
  }

  // MARK: Hand changes

  /// Gives a draft's visit to another worker and/or time, as the rota keeper decided (the rules are the
  /// caller's to check first). Only against the draft as the rota keeper saw it: the edit count moves on
  /// with each change in the same statement that checks it, so of two changes made on one look, the second
  /// is refused (on both engines, without locks), and nothing of it is written.
  public func changeVisit(
    _ visitID: ID<RotaVisit>, in weekID: ID<RotaWeek>, to worker: ID<Account>, start: Int, edits: Int,
    permit: Permit, env: Effects
  ) async throws -> RotaVisit {
    try Self.check(permit, .planWeek)
    return try await write { db in
      guard let week = try await RotaWeekRow.find(weekID.rawValue, on: db), week.coopID == permit.coopID.rawValue,
        week.circleID == permit.circleID?.rawValue,
        let row = try await RotaVisitRow.find(visitID.rawValue, on: db), row.weekID == weekID.rawValue
      else { throw CareError.notFound }
      let sql = db as! any SQLDatabase
      let moved = try await sql.raw(
        """
        UPDATE rota_weeks SET edits = edits + 1
        WHERE id = \(bind: weekID.rawValue) AND edits = \(bind: edits) AND state = 'draft'
        RETURNING id
        """
      ).all()
      guard !moved.isEmpty else {
        throw CareError.conflict(
          FieldError("worker", "Someone changed or replaced this draft since you looked at it: look again"))
      }
      let before = "\(row.workerID.uuidString.lowercased())@\(row.start)"
      row.workerID = worker.rawValue
      row.start = start
      try await row.update(on: db)
      try await RotaVisitRow.query(on: db).filter(\.$weekID == weekID.rawValue)
        .filter(\.$personID == row.personID).filter(\.$pattern == row.pattern).filter(\.$day == row.day)
        .filter(\.$slot != row.slot).set(\.$partnerID, to: worker.rawValue).update()
      try await Self.append(
        .changeVisit, coop: permit.coopID, actor: permit.requester.account.id, person: CareCore.ID(row.personID),
        detail: "\(row.day) visit: \(before) → \(worker)@\(start)", env: env, on: db)
      return try row.value()
    }
  }

  /// One visit of a version.
  public func visit(_ id: ID<RotaVisit>) async throws -> RotaVisit? {
    try await RotaVisitRow.find(id.rawValue, on: db).map { try $0.value() }
  }

  // MARK: Publishing

  /// Makes the draft the week everybody sees, and keeps a message for each account in `messages` (those
  /// whose visits changed), in one transaction. Refused when the draft is not the newest version any
  /// more or was changed since the rota keeper looked (`edits`): nothing is published then.
  /// Each message is also mailed: a job of `mailJob`'s kind a message, queued in the same transaction.
  public func publish(
    _ id: ID<RotaWeek>, edits: Int, permit: Permit, messages: [NewMessage],
    mailJob: MailJob, env: Effects
  ) async throws -> RotaWeek {
    try Self.check(permit, .planWeek)
    return try await write { db in
      guard let circleID = permit.circleID, let circle = try await CircleRow.find(circleID.rawValue, on: db),
        circle.coopID == permit.coopID.rawValue
      else { throw CareError.notFound }
      guard let row = try await RotaWeekRow.find(id.rawValue, on: db), row.coopID == permit.coopID.rawValue,
        row.circleID == permit.circleID?.rawValue, row.state == RotaWeek.State.draft.rawValue, row.edits == edits
      else {
        throw CareError.conflict(
          FieldError("week", "This draft was changed or replaced since you looked at it: look again before publishing"))
      }
      // Cover taken since this draft was planned published newer versions: this one goes after them.
      let last =
        try await RotaWeekRow.query(on: db).filter(\.$circleID == row.circleID)
        .filter(\.$monday == row.monday).max(\.$number) ?? row.number
      if last > row.number { row.number = last + 1 }
      row.state = RotaWeek.State.published.rawValue
      row.publishedBy = permit.requester.account.id.rawValue
      row.publishedAt = env.now()
      try await row.update(on: db)
      try await Self.closeReplannedCover(week: row, on: db, env: env)
      try await Self.keepAndMail(messages, coop: permit.coopID, mailJob: mailJob, env: env, on: db)
      try await Self.append(
        .publishWeek, coop: permit.coopID, actor: permit.requester.account.id,
        detail: "week of \(row.monday), version \(row.number); \(messages.count) told", env: env, on: db)
      return try row.value()
    }
  }

  /// Cover still being found for visits a newly published plan gives to someone else (or drops): the plan
  /// decides now, so those requests and their offers close.
  static func closeReplannedCover(week row: RotaWeekRow, on db: any Database, env: Effects) async throws {
    let open = try await CoverRequestRow.query(on: db).filter(\.$circleID == row.circleID)
      .filter(\.$monday == row.monday).filter(\.$state == CoverRequest.State.open.rawValue).all()
    guard !open.isEmpty else { return }
    let visits = try await RotaVisitRow.query(on: db).filter(\.$weekID == row.id!).all()
    for request in open {
      let same = visits.first {
        $0.personID == request.personID && $0.pattern == request.pattern && $0.day == request.day
          && $0.slot == request.slot
      }
      guard same?.workerID != request.workerID else { continue }
      request.state = CoverRequest.State.replanned.rawValue
      request.closedAt = env.now()
      try await request.update(on: db)
      try await CoverOfferRow.query(on: db).filter(\.$requestID == request.id!)
        .filter(\.$state ~~ [CoverOffer.State.offered.rawValue, CoverOffer.State.waiting.rawValue])
        .set(\.$state, to: CoverOffer.State.closed.rawValue).update()
    }
  }

  /// Whether the circle is the co-op's (a circle of another co-op is "not found", never "not yours").
  public func isCircle(_ id: ID<Circle>, of coop: ID<Coop>) async throws -> Bool {
    try await CircleRow.find(id.rawValue, on: db)?.coopID == coop.rawValue
  }

  /// The newest published version of the circle's week, if any.
  public func publishedWeek(circle: ID<Circle>, monday: Day) async throws -> RotaWeek? {
    try await RotaWeekRow.query(on: db).filter(\.$circleID == circle.rawValue).filter(\.$monday == monday.iso)
      .filter(\.$state == RotaWeek.State.published.rawValue).sort(\.$number, .descending).first()
      .map { try $0.value() }
  }

  /// Published visits between two days (inclusive) for the person (as the permit to see their team
  /// allows), from the newest published version of each week.
  public func publishedVisits(permit: Permit, person: ID<Person>, from: Day, through: Day) async throws
    -> [RotaVisit]
  {
    try Self.check(permit, anyOf: [.viewTeam, .viewMedicines, .viewRecords, .addMedia])
    guard permit.personID == person else { throw CareError.forbidden }
    return try await publishedVisits(column: "person_id", id: person.rawValue, from: from, through: through)
  }

  /// A worker's own published visits between two days (inclusive).
  public func publishedVisits(worker: ID<Account>, from: Day, through: Day) async throws -> [RotaVisit] {
    try await publishedVisits(column: "worker_id", id: worker.rawValue, from: from, through: through)
  }

  func publishedVisits(column: String, id: UUID, from: Day, through: Day) async throws -> [RotaVisit] {
    let sql = db as! any SQLDatabase
    let rows = try await sql.raw(
      """
      SELECT v.id, v.week_id, v.person_id, v.pattern, v.slot, v.day, v.start_minute, v.length, v.usual_start,
        v.time_window, v.tasks, v.worker_id, v.partner_id
      FROM rota_visits v JOIN rota_weeks w ON w.id = v.week_id
      WHERE v.\(unsafeRaw: column) = \(bind: id) AND v.day >= \(bind: from.iso) AND v.day <= \(bind: through.iso)
        AND w.state = 'published'
        AND w.number = (SELECT MAX(n.number) FROM rota_weeks n
          WHERE n.circle_id = w.circle_id AND n.monday = w.monday AND n.state = 'published')
      """
    ).all()
    return try rows.map(Self.visit).sorted(by: Self.visitOrder)
  }

  /// A `rota_visits` row read with plain SQL.
  static func visit(_ row: any SQLRow) throws -> RotaVisit {
    let day = try row.decode(column: "day", as: String.self)
    let tasks = try row.decode(column: "tasks", as: String.self)
    return RotaVisit(
      id: CareCore.ID(try row.decode(column: "id", as: UUID.self)),
      weekID: CareCore.ID(try row.decode(column: "week_id", as: UUID.self)),
      personID: CareCore.ID(try row.decode(column: "person_id", as: UUID.self)),
      pattern: try row.decode(column: "pattern", as: Int.self), slot: try row.decode(column: "slot", as: Int.self),
      day: try StoreError.known(Day(iso: day), "rota_visits.day", day),
      start: try row.decode(column: "start_minute", as: Int.self),
      length: try row.decode(column: "length", as: Int.self),
      usualStart: try row.decode(column: "usual_start", as: Int.self),
      window: try row.decode(column: "time_window", as: Int.self),
      tasks: Set(try StoreError.decoded([VisitTask].self, tasks, "rota_visits.tasks")),
      workerID: CareCore.ID(try row.decode(column: "worker_id", as: UUID.self)),
      partnerID: try row.decode(column: "partner_id", as: UUID?.self).map(CareCore.ID.init))

  }

  /// Where the worker's published visits between two days are: each person's name and home. The only
  /// way the store gives a worker an address is through a visit of theirs.
  public func visitPlaces(worker: ID<Account>, from: Day, through: Day) async throws
    -> [ID<Person>: (name: String, home: Home)]
  {
    let people = Set(try await publishedVisits(worker: worker, from: from, through: through).map(\.personID.rawValue))
    guard !people.isEmpty else { return [:] }
    let homes = try await HomeRow.query(on: db).filter(\.$id ~~ Array(people)).all()
    let personRows = try await PersonRow.query(on: db).filter(\.$id ~~ Array(people)).all()
    let names = try await accountNames(personRows.map { CareCore.ID($0.accountID) })
    var places: [ID<Person>: (name: String, home: Home)] = [:]
    for home in homes {
      guard let person = personRows.first(where: { $0.id == home.id }) else { continue }
      places[CareCore.ID(home.id!)] = (names[CareCore.ID(person.accountID)] ?? "", try home.value())
    }
    return places
  }

  /// The names people go by, for lists of visits.
  public func personNames(_ ids: [ID<Person>]) async throws -> [ID<Person>: String] {
    guard !ids.isEmpty else { return [:] }
    let rows = try await PersonRow.query(on: db).filter(
      \.$id ~~ Set(ids.map(\.rawValue)).sorted { $0.uuidString < $1.uuidString }
    ).all()
    let names = try await accountNames(rows.map { CareCore.ID($0.accountID) })
    return Dictionary(uniqueKeysWithValues: rows.map { (CareCore.ID($0.id!), names[CareCore.ID($0.accountID)] ?? "") })
  }

  /// The first half of each person's postcode ("HX7" of "HX7 8AA"): where, roughly, for a cover offer.
  public func postcodeAreas(_ ids: [ID<Person>]) async throws -> [ID<Person>: String] {
    guard !ids.isEmpty else { return [:] }
    let homes = try await HomeRow.query(on: db).filter(
      \.$id ~~ Set(ids.map(\.rawValue)).sorted { $0.uuidString < $1.uuidString }
    ).all()
    return Dictionary(
      uniqueKeysWithValues: try homes.map {
        (CareCore.ID($0.id!), String(try $0.value().postcode.split(separator: " ").first ?? ""))
      })
  }

  /// Names of accounts (as shown next to visits).
  public func accountNames(_ ids: [ID<Account>]) async throws -> [ID<Account>: String] {
    guard !ids.isEmpty else { return [:] }
    let rows = try await AccountRow.query(on: db).filter(
      \.$id ~~ Set(ids.map(\.rawValue)).sorted { $0.uuidString < $1.uuidString }
    ).all()
    return Dictionary(uniqueKeysWithValues: rows.map { (CareCore.ID($0.id!), $0.name) })
  }
}
