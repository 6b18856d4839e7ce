import Catalog
import LakeEngine

/// What the workbench knows about the lake and its user before the first screen loads: the header, the
/// Overview's lake pane and the flag dialogs read it on every frame, so it is fetched once, when the
/// workbench opens, and never from inside a draw.
///
/// It holds only what is cheap to ask for: the first frame waits for it. (Tier occupancy, which counts
/// every object of the lake — seconds on a million instances — is the Overview's and Migrations' own
/// load, and the Migrations dialogs take their tiers from it.)
public struct WorkbenchSession: Sendable {
    /// Who the engine says the user is, with their roles (through the service: the socket peer).
    public var caller: Caller
    /// The lake's name from its configuration.
    public var lakeName: String
    /// Where the lake is: its folder, or the socket of the service that holds it.
    public var location: String
    /// The lake's zones in promotion order; empty for a caller without a reading role.
    public var zones: [String]
    /// The flag codes that fit each kind of target, in code order (the add-flag dialogs offer them).
    public var flagCodes: [FlagTargetKind: [FlagCode]]

    public init(
        caller: Caller, lakeName: String, location: String, zones: [String], flagCodes: [FlagTargetKind: [FlagCode]]
    ) {
        self.caller = caller
        self.lakeName = lakeName
        self.location = location
        self.zones = zones
        self.flagCodes = flagCodes
    }

    /// The session of a served lake (or any transport): the caller, the flag vocabulary and the zones
    /// come from the API; `lakeName` and `location` are what the user named.
    ///
    /// A caller without a reading role still gets a workbench (its screens show the engine's refusal), so
    /// the zones they may not read are left empty rather than failing the open.
    public static func fetch(from api: any LakeAPI, lakeName: String, location: String) async throws -> Self {
        let caller = try await api.caller()
        var codes: [FlagTargetKind: [FlagCode]] = [:]
        for kind in FlagTargetKind.allCases { codes[kind] = try await api.flagVocabulary(FlagCodeQuery(kind: kind)) }
        let zones = caller.roles.isEmpty ? [] : try await api.zones().map(\.name)
        return Self(caller: caller, lakeName: lakeName, location: location, zones: zones, flagCodes: codes)
    }

    /// The session of a lake opened in-process: everything comes from its configuration.
    public init(lake: Lake) {
        self.init(
            caller: Caller(user: lake.actor.user, uid: lake.actor.uid, roles: lake.actorRoles, token: lake.actor.token?.name),
            lakeName: lake.configuration.name, location: lake.root,
            zones: lake.configuration.zones,
            flagCodes: Dictionary(uniqueKeysWithValues: FlagTargetKind.allCases.map { ($0, lake.flagCodes(for: $0)) }))
    }
}
