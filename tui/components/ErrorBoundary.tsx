import { Component, type ReactNode } from "react";
import { Text } from "ink";

export interface ErrorBoundaryProps {
  onError: (error: Error) => void;
  children: ReactNode;
}

/** A render that throws ends the app with a readable message instead of a stack trace. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }

  override render() {
    return this.state.error ? <Text>{`dxsim stopped: ${this.state.error.message}`}</Text> : this.props.children;
  }
}
