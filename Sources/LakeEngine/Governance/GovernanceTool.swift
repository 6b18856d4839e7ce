/// The name and version recorded as the tool of every transform the lake applies.
public enum GovernanceTool {
    public static let name = "medlake"
    public static let version = "0.1.0"
}
