using Orleans;
using Realtime.Contracts.Rooms;

// The contract records carry Orleans' serialization attributes but not its code generator (clients
// of the contract do not take Orleans in): their codecs are generated here.
[assembly: GenerateCodeForDeclaringAssembly(typeof(ChatMessage))]
