export { CANVAS_POLICY_NAME, CanvasWorkspace, type CanvasDomain, type CanvasWorkspaceProps } from './canvas-workspace';
