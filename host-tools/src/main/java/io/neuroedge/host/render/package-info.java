/** Drawing event recordings as images: {@link io.neuroedge.host.render.EventRenderer}. */
package io.neuroedge.host.render;
