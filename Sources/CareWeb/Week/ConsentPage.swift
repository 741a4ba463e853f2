import CareCases
import CareCore
import Plot

/// What a worker agrees to, kept by them: when they can work, how much, how they travel and how far, what
/// they will do, in which homes, and whether they cover in their circle.
struct ConsentPage: PageView {
  let layout: Layout
  let model: ConsentModel
  let state: FormState
  /// After a save: the visits that no longer fit and went to cover.
  var sentToCover: [CoverRequest]? = nil

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("What I agree to"),
      .p(
        .class("lead"),
        .text(
          "The rota never gives you a visit outside this. If a change means a visit you already have no longer "
            + "fits, that visit goes to cover straight away.")),
      .unwrap(sentToCover) { sent in
        .div(
          .class("notice"), .attribute(named: "role", value: "status"),
          .p(.strong("Saved.")),
          sent.isEmpty
            ? .p("All your visits still fit.")
            : .group(
              .p(.text("\(sent.count) of your visits no longer fit and went to cover:")),
              .ul(
                .forEach(sent) { r in
                  .li(.text("\(r.day.longText) at \(CoopCalendar.clockText(r.start))"))
                }),
              .p(.a(.href(SiteURL.myCover.path), "See cover"))))
      },
      .form(
        .action(SiteURL.myConsent.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        availability, hoursAndTravel, base, tasks, homes, Forms.submit("Save what I agree to")),
      .p(.a(.href(SiteURL.myWeek().path), "Back to my week")))
  }
}

extension ConsentPage {
  var availability: Node<HTML.FormContext> {
    .fieldset(
      .element(named: "legend", nodes: [.text("When you can work")]),
      .p(.class("hint"), "The 24-hour clock, like 08:00 and 17:30. Leave a day empty if you cannot work then."),
      .forEach(Weekday.allCases) { day in dayRow(day) })
  }

  func dayRow(_ day: Weekday) -> Node<HTML.FormContext> {
    let key = ConsentForm.dayKey(day)
    let from: Node<HTML.FormContext> = Forms.text(
      "\(key)-from", label: "\(day.name) from", state: state, width: "short")
    let until: Node<HTML.FormContext> = Forms.text(
      "\(key)-until", label: "\(day.name) until", state: state, width: "short")
    return .div(.class("field-row"), from, until)
  }

  var hoursAndTravel: Node<HTML.FormContext> {
    let modes: [(value: String, label: String, hint: String?)] = TravelMode.allCases.map {
      ($0.rawValue, Self.capitalised($0.label), nil)
    }
    return .group(
      Forms.text(
        "mostHours", label: "Most hours a week", hint: "A whole number, 0 to 60", state: state, width: "short"),
      Forms.radios("travelMode", legend: "How you travel between visits", options: modes, state: state),
      Forms.text(
        "longestJourney", label: "Longest single journey, in minutes", hint: "1 to 240", state: state,
        width: "short"))
  }

  var base: Node<HTML.FormContext> {
    .fieldset(
      .element(named: "legend", nodes: [.text("Where your working day starts")]),
      .p(
        .class("hint"),
        .text(
          "As a map position (latitude and longitude, like 53.742 and -2.014): your home, or anywhere you choose. "
            + "Only the rota uses it, to time journeys.")),
      Forms.text("latitude", label: "Latitude", state: state, width: "short"),
      Forms.text("longitude", label: "Longitude", state: state, width: "short"))
  }

  var tasks: Node<HTML.FormContext> {
    let trained = model.training.isEmpty ? "nothing yet" : model.training.sorted().map(\.label).joined(separator: ", ")
    return .fieldset(
      .element(named: "legend", nodes: [.text("What you will do")]),
      .p(
        .class("hint"),
        .text(
          "You are trained for: \(trained). A visit needs both: what you agree to and what you are trained for.")),
      .forEach(VisitTask.allCases) { task in
        Forms.checkbox("task-\(task.rawValue)", label: Self.capitalised(task.label), hint: nil, state: state)
      })
  }

  var homes: Node<HTML.FormContext> {
    .fieldset(
      .element(named: "legend", nodes: [.text("Homes and cover")]),
      Forms.checkbox("pets", label: "Homes with pets are fine", hint: nil, state: state),
      Forms.checkbox("smoking", label: "Homes where someone smokes are fine", hint: nil, state: state),
      Forms.checkbox(
        "covers", label: "I am happy to cover in my circle",
        hint: "You may be asked to cover a visit for someone whose team you are not in.", state: state))
  }

  static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// The consent form's fields to and from a `ConsentZone`.
enum ConsentForm {
  static func dayKey(_ day: Weekday) -> String { day.name.lowercased() }

  static func state(_ zone: ConsentZone?) -> FormState {
    guard let zone else { return FormState(values: ["travelMode": TravelMode.walk.rawValue, "longestJourney": "30"]) }
    var values: [String: String] = [
      "mostHours": String(zone.mostMinutesAWeek / 60), "travelMode": zone.travelMode.rawValue,
      "longestJourney": String(zone.longestJourney), "latitude": String(zone.base.latitude),
      "longitude": String(zone.base.longitude),
    ]
    for a in zone.availability {
      values["\(dayKey(a.day))-from"] = CoopCalendar.clockText(a.from)
      values["\(dayKey(a.day))-until"] = CoopCalendar.clockText(a.until)
    }
    for task in zone.tasks { values["task-\(task.rawValue)"] = "true" }
    if zone.petsAreFine { values["pets"] = "true" }
    if zone.smokingIsFine { values["smoking"] = "true" }
    if zone.coversInCircle { values["covers"] = "true" }
    return FormState(values: values)
  }

  /// The zone the form describes, or what is wrong with it, field by field.
  static func zone(_ state: FormState) throws(CareError) -> ConsentZone {
    var problems: [FieldError] = []
    var availability: [AvailableTime] = []
    for day in Weekday.allCases {
      let key = dayKey(day)
      let from = state["\(key)-from"].trimmingCharacters(in: .whitespaces)
      let until = state["\(key)-until"].trimmingCharacters(in: .whitespaces)
      if from.isEmpty && until.isEmpty { continue }
      let start = clock(from)
      let end = clock(until)
      if start == nil { problems.append(FieldError("\(key)-from", "\(day.name): give the start like 08:00")) }
      if end == nil { problems.append(FieldError("\(key)-until", "\(day.name): give the end like 17:30")) }
      if let start, let end {
        if end <= start {
          problems.append(FieldError("\(key)-until", "\(day.name): the end must be after the start"))
        } else {
          availability.append(AvailableTime(day: day, from: start, until: end))
        }
      }
    }
    let hours = Int(state["mostHours"].trimmingCharacters(in: .whitespaces))
    if hours == nil || !(0...60).contains(hours!) {
      problems.append(FieldError("mostHours", "Give most hours a week as a whole number, 0 to 60"))
    }
    let mode = TravelMode(rawValue: state["travelMode"])
    if mode == nil { problems.append(FieldError("travelMode", "Choose how you travel")) }
    let journey = Int(state["longestJourney"].trimmingCharacters(in: .whitespaces))
    if journey == nil || !(1...240).contains(journey!) {
      problems.append(FieldError("longestJourney", "Give the longest journey in minutes, 1 to 240"))
    }
    let base = position(state, problems: &problems)
    guard problems.isEmpty, let hours, let mode, let journey, let base else { throw .invalid(problems) }
    return ConsentZone(
      availability: availability, mostMinutesAWeek: hours * 60, travelMode: mode, base: base,
      longestJourney: journey, tasks: Set(VisitTask.allCases.filter { state["task-\($0.rawValue)"] == "true" }),
      petsAreFine: state["pets"] == "true", smokingIsFine: state["smoking"] == "true",
      coversInCircle: state["covers"] == "true")
  }

  /// A rule the zone itself refused (`ConsentZone.problems` names fields by its own paths): the form's field.
  static func field(_ error: FieldError) -> FieldError {
    if error.field.hasPrefix("availability") { return FieldError("monday-from", error.message) }
    return error
  }

  /// The form's `latitude` and `longitude` boxes as a map position, or what is wrong with each.
  static func position(_ state: FormState, problems: inout [FieldError]) -> GeoPoint? {
    let latitude = Double(state["latitude"].trimmingCharacters(in: .whitespaces))
    let longitude = Double(state["longitude"].trimmingCharacters(in: .whitespaces))
    if let latitude, let longitude, let point = GeoPoint(latitude: latitude, longitude: longitude) { return point }
    if latitude.map({ $0.isFinite && (-90...90).contains($0) }) != true {
      problems.append(FieldError("latitude", "Give a latitude between -90 and 90, like 53.742"))
    }
    if longitude.map({ $0.isFinite && (-180...180).contains($0) }) != true {
      problems.append(FieldError("longitude", "Give a longitude between -180 and 180, like -2.014"))
    }
    return nil
  }

  /// "08:00" or "8:00" as minutes after midnight ("24:00": the end of the day).
  static func clock(_ text: String) -> Int? { CoopCalendar.minute(ofClock: text, endOfDay: true) }
}
