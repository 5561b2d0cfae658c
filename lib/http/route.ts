import { errorToResponse } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so any error it throws becomes the one JSON error shape. */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
