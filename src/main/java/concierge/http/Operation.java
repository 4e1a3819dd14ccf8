package concierge.http;

/** One POST operation at one exact path. */
@FunctionalInterface
public interface Operation {

    Reply handle(Request request);
}
