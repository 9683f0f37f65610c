// The public API of lib/doc: create and observe a conference's documents, run named commands, read typed
// snapshots, migrate on load. Nothing outside lib/doc needs a Y.Map key.

export {
  createConferenceDocs,
  createSharedDoc,
  destroyConferenceDocs,
  observeDoc,
  observeIdeas,
  controlGuid,
  sharedGuid,
  type ConferenceDocs
} from './docs';
export { SCHEMA_VERSION, readSchemaVersion, kindOfDoc, type DocKind } from './schema';
export { LocalOrigin, MigrationOrigin, LOCAL_ORIGIN, localOrigin, type DocOrigin } from './origin';
export { migrate, type MigrationResult } from './migrate';
export {
  readConference,
  readFields,
  readTables,
  readTable,
  readIdeas,
  readIdea,
  compareIdeas,
  countIdeasByTable
} from './read';
export {
  initConference,
  updateConferenceInfo,
  addField,
  updateField,
  renameField,
  removeField,
  moveField,
  type InfoPatch,
  type FieldInput
} from './commands-conference';
export { addTable, updateTable, removeTable, moveTable, type TableInput } from './commands-tables';
export { addIdea, updateIdea, removeIdea, restoreIdea, type IdeaInput } from './commands-ideas';
export {
  hideIdea,
  unhideIdea,
  readHiddenIdeas,
  HIDDEN_IDEA_REASON_MAX,
  type HiddenIdea
} from './idea-moderation';
export { lockBoard, unlockBoard, readPolicy } from './commands-policy';
export {
  createSealedDoc,
  mergeSealedInto,
  readSealedScopes,
  revealScope,
  sealScope,
  sealedGuid,
  tableScope,
  voteScope
} from './sealed';
export { readIdeasMissingFrom, readIdeasMissingFromDoc, stateVectorOf } from './reconcile';
export {
  CONTACT_LIMITS,
  contactEntryUpdate,
  createFacilitatorsDoc,
  facilitatorsGuid,
  observeContacts,
  readContacts,
  type ContactInput,
  type ContactRequest,
  observeShareTokens,
  readShareTokens,
  writeShareToken,
  type LinkRole,
  type ShareTokens
} from './facilitators';
export {
  addModerationNote,
  removeModerationNote,
  readModerationNotes,
  observeModerationNotes,
  MODERATION_NOTE_MAX,
  type ModerationNote,
  type NoteScope
} from './moderation-notes';
export { readProgramme, readProgrammeItem, readRun, isHttpLink } from './read-programme';
export {
  addProgrammeItem,
  updateProgrammeItem,
  removeProgrammeItem,
  moveProgrammeItem,
  shiftFrom,
  startProgrammeItem,
  stopProgramme,
  applyTemplate,
  type ItemInput
} from './commands-programme';
export { addPoolActions, removePoolAction, readPoolActions, type PoolActionInput } from './pool';
export {
  addInitiative,
  addInitiatives,
  updateInitiative,
  removeInitiative,
  type InitiativeInput,
  type LongTexts
} from './initiatives';
export {
  mergeInitiatives,
  unmergeInitiative,
  hideInitiative,
  unhideInitiative
} from './initiative-moderation';
export { addCooperation, removeCooperation } from './cooperations';
export { addSupporter, removeSupporter } from './supporters';
export { readLandkarte, observeLandkarte, type LandkarteData } from './read-initiatives';
export {
  readRegionOutline,
  setRegionOutline,
  clearRegionOutline,
  type RegionOutline
} from './region-outline';
export {
  readClusters,
  readPlacements,
  buildClusterBoard,
  readClusterBoard,
  addCluster,
  renameCluster,
  moveCluster,
  placeIdeas,
  mergeClusters,
  dissolveCluster,
  observeClusters
} from './clusters';
export {
  readVotes,
  readVote,
  startVote,
  setVoteState,
  removeVote,
  readBallot,
  setBallotPoints,
  readVoteResult,
  observeVotes,
  ballotId,
  readBallots,
  type VoteInput,
  type VoteError
} from './votes';
export {
  readRound,
  readRounds,
  setPhase,
  startTimer,
  pauseTimer,
  resumeTimer,
  extendTimer,
  stopTimer,
  readFollow,
  followMe,
  stopFollow,
  type RoundState
} from './rounds';
export {
  createPlansDoc,
  plansGuid,
  addPlan,
  updatePlan,
  editPlanText,
  setPlanPartner,
  removePlan,
  type PlanInput,
  type PlanPatch,
  type PlanLongText
} from './plans';
export { addStep, updateStep, removeStep, moveStep, addNote, removeNote, type StepInput } from './plan-steps';
export { readPlan, readPlans, observePlans } from './read-plans';
export {
  setHarvestResults,
  setHarvestClusters,
  addHarvestStep,
  updateHarvestStep,
  removeHarvestStep,
  moveHarvestStep,
  readHarvest,
  isHarvestEmpty,
  writeConferenceEnd,
  clearConferenceEnd,
  readConferenceEnd
} from './harvest';
export {
  restoreStructure,
  restoreIdeas,
  restoreClusters,
  restoreVotes,
  restoreHarvests,
  restoreProgramme
} from './restore';
export { restoreLandkarte, restorePlans, restoreContacts } from './restore-landkarte';
