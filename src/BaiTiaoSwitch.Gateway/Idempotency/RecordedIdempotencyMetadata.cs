namespace BaiTiaoSwitch.Gateway.Idempotency;

/// <summary>
/// Marks a route whose answers are recorded under its Idempotency-Key by the edge (see RecordedIdempotencyFilter).
/// <see cref="Body"/> is the route's body type: a request whose ids or body do not even parse is refused before its
/// key is claimed, so malformed requests never reach the record store.
/// </summary>
public sealed record RecordedIdempotencyMetadata(System.Text.Json.Serialization.Metadata.JsonTypeInfo Body);
