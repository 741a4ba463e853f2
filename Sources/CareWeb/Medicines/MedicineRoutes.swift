import CareCases
import CareCore
import Vapor

/// A person's medicines: the list their team keeps (changes agreed by the person or their arranger), and the
/// chart of doses written at visits (MAR), to read and print.
enum MedicinesWeb: WebCapability {
  static let openAPI: String? = "medicines"

  static func pages(_ r: PageRoutes) {
    r.get(.teamMedicines(.key), MedicineController.list)
    r.get(.teamMedicineNew(.key), MedicineController.newForm)
    r.post(.teamMedicineNew(.key), MedicineController.propose)
    r.get(.teamMedicineChange(.key, .key), MedicineController.changeForm)
    r.post(.teamMedicineChange(.key, .key), MedicineController.propose)
    r.post(.teamMedicineAnswer(.key, .key), MedicineController.answer)
    r.get(.teamMedicineChart(.key), MedicineController.chart)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamMedicines(.key)) { req async throws -> DTO.MedicinesOut in
      DTO.MedicinesOut(try await req.cases.medicines(try req.id(), by: try await req.actor()))
    }
    v1.post(.teamMedicines(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      _ = try await req.cases.medicineToChange(person, medicine: nil, by: actor)  // the policy first
      let body = try req.content.decode(DTO.MedicineIn.self)
      let version = try await req.cases.proposeMedicine(try body.change(nil), person: person, by: actor)
      await req.care.jobs.nudge()
      return try await DTO.MedicineOut(version).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamMedicineVersions(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      let medicine = try req.id(Medicine.self, SiteURL.medicineID)
      _ = try await req.cases.medicineToChange(person, medicine: medicine, by: actor)
      let body = try req.content.decode(DTO.MedicineIn.self)
      let version = try await req.cases.proposeMedicine(try body.change(medicine), person: person, by: actor)
      await req.care.jobs.nudge()
      return try await DTO.MedicineOut(version).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamMedicineAnswer(.key, .key)) { req async throws -> DTO.MedicineOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      let version = try req.id(MedicineVersion.self, SiteURL.versionID)
      try await req.cases.mayAnswerMedicines(person, by: actor)
      let body = try req.content.decode(DTO.MedicineAnswerIn.self)
      return DTO.MedicineOut(
        try await req.cases.answerMedicine(version, agree: body.answer == .agree, person: person, by: actor))
    }
    v1.get(.teamMedicineChart(.key)) { req async throws -> DTO.MedicineChartOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      let from = try MedicineController.from(req)
      return DTO.MedicineChartOut(try await req.cases.medicineChart(person, from: from, by: actor))
    }
  }
}

enum MedicineController {
  static func crumbs(_ team: Team) -> [Layout.Crumb] {
    [
      .init(label: "Home", url: .home),
      .init(label: "\(team.personAccount.name)'s team", url: .team(.value(team.person.id))),
    ]
  }

  static func list(_ req: Request) async throws -> Response {
    try await listPage(req, try await req.actor(), try req.id(), errors: []).response()
  }

  static func listPage(_ req: Request, _ actor: Requester, _ person: ID<Person>, errors: [FieldError]) async throws
    -> MedicinesPage
  {
    let model = try await req.cases.medicines(person, by: actor)
    return MedicinesPage(
      layout: req.layout("\(model.personName)'s medicines", crumbs: crumbs(model.team), hasErrors: !errors.isEmpty),
      model: model, errors: errors)
  }

  static func newForm(_ req: Request) async throws -> Response {
    let (team, _) = try await req.cases.medicineToChange(try req.id(), medicine: nil, by: try await req.actor())
    return formPage(req, team, nil, MedicineForm.state(nil)).response()
  }

  static func changeForm(_ req: Request) async throws -> Response {
    let medicine = try req.id(Medicine.self, SiteURL.medicineID)
    let (team, current) = try await req.cases.medicineToChange(
      try req.id(), medicine: medicine, by: try await req.actor())
    return formPage(req, team, current, MedicineForm.state(current?.details)).response()
  }

  static func formPage(_ req: Request, _ team: Team, _ current: MedicineVersion?, _ state: FormState)
    -> MedicineFormPage
  {
    let title =
      current.map { "Change or stop \($0.details.name) for \(team.personAccount.name)" }
      ?? "Add a medicine for \(team.personAccount.name)"
    return MedicineFormPage(
      layout: req.layout(title, crumbs: crumbs(team), hasErrors: !state.errors.isEmpty), team: team,
      current: current, state: state)
  }

  /// Both forms post here: a new medicine, or a change or stop of one (the address names it).
  static func propose(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let medicine = req.parameters.get(SiteURL.medicineID) == nil ? nil : try req.id(Medicine.self, SiteURL.medicineID)
    var state = try req.formState()
    let (team, current) = try await req.cases.medicineToChange(person, medicine: medicine, by: actor)
    do {
      try await req.cases.proposeMedicine(try MedicineForm.change(state, medicine: medicine), person: person, by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.teamMedicines(.value(person)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return formPage(req, team, current, state).response(status)
    }
  }

  static func answer(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let version = try req.id(MedicineVersion.self, SiteURL.versionID)
    let state = try req.formState()
    try await req.cases.mayAnswerMedicines(person, by: actor)
    do {
      guard ["agree", "decline"].contains(state["answer"]) else {
        throw CareError.invalid([FieldError("answer", "Say whether you agree")])
      }
      try await req.cases.answerMedicine(version, agree: state["answer"] == "agree", person: person, by: actor)
      return req.redirect(to: SiteURL.teamMedicines(.value(person)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      return try await listPage(req, actor, person, errors: fields).response(status)
    }
  }

  static func chart(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let model = try await req.cases.medicineChart(person, from: try from(req), by: actor)
    return MedicineChartPage(
      layout: req.layout(
        "\(model.personName)'s medicine chart, \(model.from.longText) to \(model.through.longText)",
        crumbs: crumbs(model.team)),
      model: model
    ).response()
  }

  /// `?from=YYYY-MM-DD`, or nil for the last four weeks.
  static func from(_ req: Request) throws -> Day? {
    guard let text = try? req.query.get(String.self, at: "from") else { return nil }
    guard let day = Day(iso: text), (2000...2199).contains(day.year) else {
      throw CareError.invalid([FieldError("from", "Give the first day as a date, like 2026-11-02")])
    }
    return day
  }
}

/// The medicine form's fields as typed, read into a change.
enum MedicineForm {
  static func state(_ details: MedicineDetails?) -> FormState {
    var state = FormState()
    guard let d = details else { return state }
    state.values = [
      "name": d.name, "dose": d.dose, "route": d.route.rawValue,
      "times": d.times.map(CoopCalendar.clockText).joined(separator: ", "), "asNeeded": d.asNeeded ? "true" : "",
      "purpose": d.purpose, "givenBy": d.givenBy.rawValue, "instructions": d.instructions,
    ]
    return state
  }

  /// "08:00, 20:00" (commas or spaces) as minutes; nil when one of them is not a time.
  static func times(_ text: String) -> [Int]? {
    let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    let minutes = parts.map { CoopCalendar.minute(ofClock: $0) }
    return minutes.contains(nil) ? nil : minutes.compactMap { $0 }
  }

  static func problems(_ details: MedicineDetails) -> [FieldError] {
    do {
      _ = try details.validated()
      return []
    } catch {
      if case .invalid(let found) = error { return found }
      return []
    }
  }

  static func change(_ state: FormState, medicine: ID<Medicine>?) throws -> MedicineChange {
    var problems: [FieldError] = []
    let route = MedicineRoute(rawValue: state["route"])
    if route == nil { problems.append(FieldError("route", "Choose how it is taken")) }
    let giver = MedicineGiver(rawValue: state["givenBy"])
    if giver == nil { problems.append(FieldError("givenBy", "Choose who gives it")) }
    let times = times(state["times"])
    if times == nil { problems.append(FieldError("times", "Give each time like 08:00, with commas between")) }
    let details = MedicineDetails(
      name: state["name"], dose: state["dose"], route: route ?? .other, times: times ?? [],
      asNeeded: state["asNeeded"] == "true", purpose: state["purpose"], givenBy: giver ?? .worker,
      instructions: state["instructions"])
    // The details' own problems are shown with these, all at once.
    let more = Self.problems(details)
    problems += more.filter { p in !problems.contains { $0.field == p.field } }
    guard problems.isEmpty else { throw CareError.invalid(problems) }
    return MedicineChange(
      medicine: medicine, details: details, stops: state["stops"] == "true", reason: state["reason"])
  }
}

extension DTO {
  /// A medicine as the team keeps it (a new one, or a change: then `reason` is needed; `stops` takes it off).
  struct MedicineIn: Content {
    let name: String
    let dose: String
    let route: MedicineRoute
    /// Times of day, "08:00".
    let times: [String]
    let asNeeded: Bool?
    let purpose: String
    let givenBy: MedicineGiver
    let instructions: String?
    let stops: Bool?
    let reason: String?

    func change(_ medicine: ID<Medicine>?) throws -> MedicineChange {
      var minutes: [Int] = []
      var problems: [FieldError] = []
      for (i, t) in times.enumerated() {
        if let m = CoopCalendar.minute(ofClock: t) {
          minutes.append(m)
        } else {
          problems.append(FieldError("times[\(i)]", "Give the time like 08:00"))
        }
      }
      guard problems.isEmpty else { throw CareError.invalid(problems) }
      return MedicineChange(
        medicine: medicine,
        details: MedicineDetails(
          name: name, dose: dose, route: route, times: minutes, asNeeded: asNeeded ?? false, purpose: purpose,
          givenBy: givenBy, instructions: instructions ?? ""),
        stops: stops ?? false, reason: reason ?? "")
    }
  }

  struct MedicineAnswerIn: Content {
    enum Answer: String, Codable { case agree, decline }
    let answer: Answer
  }

  struct MedicineOut: Content {
    let id: String
    let medicine: String
    let version: Int
    let name: String
    let dose: String
    let route: String
    let times: [String]
    let asNeeded: Bool
    let purpose: String
    let givenBy: String
    let instructions: String
    let stops: Bool
    let reason: String
    /// proposed (waiting for the person's answer), agreed or declined.
    let status: String
    let proposedBy: String
    let proposedAt: Date
    let answeredBy: String?
    let answeredAt: Date?

    init(_ v: MedicineVersion) {
      (id, medicine, version) = (v.id.description, v.medicineID.description, v.version)
      let d = v.details
      (name, dose, route, times) = (d.name, d.dose, d.route.rawValue, d.times.map(CoopCalendar.clockText))
      (asNeeded, purpose, givenBy, instructions) = (d.asNeeded, d.purpose, d.givenBy.rawValue, d.instructions)
      (stops, reason, status) = (v.stops, v.reason, v.status.rawValue)
      (proposedBy, proposedAt) = (v.proposedBy.description, v.proposedAt)
      (answeredBy, answeredAt) = (v.answeredBy?.description, v.answeredAt)
    }
  }

  struct MedicinesOut: Content {
    let person: String
    let personName: String
    let current: [MedicineOut]
    let waiting: [MedicineOut]
    let mayPropose: Bool
    let mayAnswer: Bool

    init(_ m: MedicinesModel) {
      (person, personName) = (m.team.person.id.description, m.personName)
      current = m.list.current.map(MedicineOut.init)
      waiting = m.list.waiting.map(MedicineOut.init)
      (mayPropose, mayAnswer) = (m.mayPropose, m.mayAnswer)
    }
  }

  struct MedicineChartOut: Content {
    struct Row: Content {
      let medicine: String
      let name: String
      let dose: String
      /// The dose time, or absent for the row of doses taken as needed.
      let doseAt: String?
      /// One a day: the letters written (G given, R refused, N not needed, M missed; several when more than
      /// one was written), "not recorded", "not due" or "later".
      let marks: [String]
    }
    let person: String
    let from: String
    let through: String
    let days: [String]
    let rows: [Row]

    init(_ m: MedicineChartModel) {
      (person, from, through) = (m.team.person.id.description, m.from.iso, m.through.iso)
      days = m.chart.days.map(\.iso)
      rows = m.chart.rows.map { r in
        Row(
          medicine: r.medicineID.description, name: r.details.name, dose: r.details.dose,
          doseAt: r.doseAt.map(CoopCalendar.clockText), marks: r.marks.map(\.text))
      }
    }
  }
}

extension MARChart.Mark {
  var text: String {
    switch self {
    case .recorded(let outcomes): outcomes.map(\.code).joined(separator: " ")
    case .notRecorded: "not recorded"
    case .notDue: "not due"
    case .later: "later"
    }
  }
}
