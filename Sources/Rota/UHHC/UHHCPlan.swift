import Foundation

/// A UHHC plan with its times, as the published validator reads it: each carer's stops in order, a stop
/// being a service at a patient's home or the carer's lunch (held at the home it names).
public struct UHHCPlan: Sendable, Equatable {
  public struct Stop: Sendable, Equatable {
    public var patient: Int
    /// Which of the patient's needs; nil for a lunch break.
    public var need: Int?
    public var start: Int
    public var end: Int
  }

  public var routes: [[Stop]]

  public init(routes: [[Stop]]) { self.routes = routes }

  /// Reads a published solution (`arrival_time`/`departure_time` or `start_time`/`end_time` per location).
  public static func read(data: Data, file: String, instance: UHHCInstance) throws -> UHHCPlan {
    let root = try JSONPath.root(data, file: file)
    let patients = Dictionary(instance.patients.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let carers = Dictionary(instance.carers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var routes = [[Stop]](repeating: [], count: instance.carers.count)
    for route in try root["routes"].array() {
      let id = try route["caregiver_id"].string()
      guard let c = carers[id] else { throw try route["caregiver_id"].error("unknown caregiver \(id)") }
      for location in try route.optional("locations")?.array() ?? [] {
        let who = try location["patient"].string()
        guard let p = patients[who] else { throw try location["patient"].error("unknown patient \(who)") }
        let service = try location["service"].string()
        var need: Int?
        if service != "lunch_break" {
          need = instance.patients[p].needs.firstIndex { $0.service == service }
          guard need != nil else { throw try location["service"].error("\(who) does not need \(service)") }
        }
        let start = try (location.optional("arrival_time") ?? location.optional("start_time"))?.int()
        let end = try (location.optional("departure_time") ?? location.optional("end_time"))?.int()
        guard let start, let end else { throw location.error("needs a start and an end time") }
        routes[c].append(Stop(patient: p, need: need, start: start, end: end))
      }
      routes[c].sort { $0.start < $1.start }
    }
    return UHHCPlan(routes: routes)
  }

  /// The plan in the JSON the published validator reads.
  public func json(_ instance: UHHCInstance) -> Data {
    var out: [[String: Any]] = []
    for (c, route) in routes.enumerated() {
      let locations: [[String: Any]] = route.map { stop in
        [
          "patient": instance.patients[stop.patient].id,
          "service": stop.need.map { instance.patients[stop.patient].needs[$0].service } ?? "lunch_break",
          "arrival_time": stop.start, "departure_time": stop.end,
        ]
      }
      out.append(["caregiver_id": instance.carers[c].id, "locations": locations])
    }
    let document: [String: Any] = ["instance": instance.name, "routes": out]
    return (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data()
  }
}
