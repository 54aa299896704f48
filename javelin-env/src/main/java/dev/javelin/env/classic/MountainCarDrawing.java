package dev.javelin.env.classic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/** The hill, car and flag shared by both mountain-car tasks, as Gymnasium draws them. */
final class MountainCarDrawing {
    static final int WIDTH = 600;
    static final int HEIGHT = 400;

    private MountainCarDrawing() {
    }

    private static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    static void draw(Graphics2D g, double pos, double goalPosition) {
        double min = MountainCar.MIN_POSITION, max = MountainCar.MAX_POSITION;
        double scale = WIDTH / (max - min);
        double carWidth = 40, carHeight = 20, clearance = 10;

        Path2D.Double hill = new Path2D.Double();
        for (int i = 0; i < 100; i++) {
            double x = min + (max - min) * i / 99;
            double px = (x - min) * scale, py = height(x) * scale;
            if (i == 0) {
                hill.moveTo(px, py);
            } else {
                hill.lineTo(px, py);
            }
        }
        g.setColor(Color.BLACK);
        g.draw(hill);

        double rot = Math.cos(3 * pos);
        double c = Math.cos(rot), s = Math.sin(rot);
        double baseX = (pos - min) * scale, baseY = clearance + height(pos) * scale;
        double l = -carWidth / 2, r = carWidth / 2, t = carHeight, b = 0;
        double[][] corners = {{l, b}, {l, t}, {r, t}, {r, b}};
        Path2D.Double car = new Path2D.Double();
        for (int i = 0; i < 4; i++) {
            double px = corners[i][0] * c - corners[i][1] * s + baseX;
            double py = corners[i][0] * s + corners[i][1] * c + baseY;
            if (i == 0) {
                car.moveTo(px, py);
            } else {
                car.lineTo(px, py);
            }
        }
        car.closePath();
        g.fill(car);

        g.setColor(new Color(128, 128, 128));
        double wheel = carHeight / 2.5;
        for (double wx : new double[] {carWidth / 4, -carWidth / 4}) {
            double cx = wx * c + baseX, cy = wx * s + baseY;
            g.fill(new Ellipse2D.Double(cx - wheel, cy - wheel, 2 * wheel, 2 * wheel));
        }

        double flagX = (goalPosition - min) * scale;
        double flagY1 = height(goalPosition) * scale, flagY2 = flagY1 + 50;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(flagX, flagY1, flagX, flagY2));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(flagX, flagY2);
        flag.lineTo(flagX, flagY2 - 10);
        flag.lineTo(flagX + 25, flagY2 - 5);
        flag.closePath();
        g.setColor(new Color(204, 204, 0));
        g.fill(flag);
    }
}
