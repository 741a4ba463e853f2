import Vapor

/// The API's own shapes: what goes over the wire is decided here, not by the domain types. Each
/// capability's folder extends this namespace with its own (`Teams/TeamDTOs.swift`, …).
enum DTO {}
