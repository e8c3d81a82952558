// Workflow histories to and from proto JSON: the format of the SDK's historyToJSON/historyFromJSON and of
// `temporal workflow show --output json` (event ids as strings, enums by name, payload data in base64).
//
// Why not the SDK's own helpers: in @temporalio/common 1.24.0 they convert with protobufjs's protojson
// from @temporalio/common's copy of protobufjs, while the history's types come from @temporalio/proto's.
// When npm installs the two copies apart (here: protobufjs 7 at the top for @grpc/grpc-js, an 8.8.1 under
// each of them) every history is refused with "type must be a Type", and so is a JSON history handed to
// Worker.runReplayHistory. Taking protojson from the copy @temporalio/proto itself loads works whatever
// the layout, and gives the same JSON.
import { createRequire } from 'node:module';
import { temporal } from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import type { History } from '@temporalio/common/lib/proto-utils';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
}

interface ReflectionRoot {
  lookupType(name: string): unknown;
}

const requireBesideProto = createRequire(require.resolve('@temporalio/proto'));
const protoJson = requireBesideProto('protobufjs/ext/protojson') as ProtoJson;
const protoRoot = patchProtobufRoot(
  requireBesideProto('@temporalio/proto') as Record<string, unknown>,
) as unknown as ReflectionRoot;
const historyType = protoRoot.lookupType('temporal.api.history.v1.History');

/** The history as a proto JSON value (an object with `events`). */
export function historyToJson(history: History): unknown {
  return protoJson.toJson(historyType, temporal.api.history.v1.History.fromObject(history));
}

/**
 * A history read from proto JSON, decoded (event ids as Long), as Worker.runReplayHistories takes it
 * without converting it again.
 */
export function historyFromJson(json: unknown): History {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { events?: unknown }).events)) {
    throw new TypeError('not a history: expected an object with an array of events');
  }
  // Fields of a newer server are ignored, as the SDK does.
  return protoJson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
